"""Site settings for the Briefing digest. Run: pelican -s pelican.conf.py (or `make html`)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

AUTHOR = "Briefing editors"
SITENAME = "Afghan Peace Process Briefing"
SITESUBTITLE = "Regional diplomacy around the Afghan peace process, 2019–2021"
SITEURL = os.environ.get("BRIEFING_SITEURL", "http://127.0.0.1:8000")
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "briefing"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["briefing"]

# Feeds are ours (feedgen, in the plugin): Pelican's own stay off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None

ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archives/index.html"
ARCHIVES_URL = "archives/"
INDEX_SAVE_AS = "index.html"
DEFAULT_PAGINATION = False
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False
STATIC_PATHS = []
IGNORE_FILES = [".#*", "*~", "#*#"]
# The topic file and the entity registry are read by the plugin, not published.
ARTICLE_EXCLUDES = []
LOAD_CONTENT_CACHE = False
# One language; same-slug articles are not translations (the plugin gives each its own slug).
ARTICLE_TRANSLATION_ID = None

BRIEFING_TOPICS_FILE = "topics.toml"
BRIEFING_REGISTRY_FILE = "entities.toml"
BRIEFING_FEED_ITEMS = 50
BRIEFING_STRICT = os.environ.get("BRIEFING_STRICT", "") not in ("", "0", "false")
