"""The page-linking process of writer.Linker, run as a script (`python -I -S linkpages.py ROOT`)
so that it starts without importing the plugin, Pelican or site packages.

Reads NUL-separated (source, target) pairs on stdin and hard-links (else copies) each source to
its target, making the target's folders one level at a time below ROOT, never ROOT itself: a
process still running when a failed build's folder is discarded cannot bring that folder back.
Prints one line per page it could not place.
"""

import os
import shutil
import sys


def make_folder(path: str, root: str, made: set) -> None:
    if path in made:
        return
    if not path.startswith(root + os.sep):
        raise OSError(path + " is outside " + root)
    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    except FileNotFoundError:
        make_folder(os.path.dirname(path), root, made)
        try:
            os.mkdir(path)
        except FileExistsError:
            pass
    made.add(path)


def link_or_copy(source, target) -> None:
    """A file of a previous output into the new one: a hard link (no bytes written), or a copy
    where the file system cannot link. The source is never modified."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def place(source: str, target: str, root: str, made: set) -> None:
    make_folder(os.path.dirname(target), root, made)
    link_or_copy(source, target)


def main(root: str) -> None:
    made = {root}
    rest, parts = b"", []
    while chunk := os.read(0, 1 << 16):
        *done, rest = (rest + chunk).split(b"\0")
        parts += done
        for source, target in zip(parts[0::2], parts[1::2], strict=False):
            try:
                place(os.fsdecode(source), os.fsdecode(target), root, made)
            except OSError as err:
                print(os.fsdecode(target).replace("\n", " "), err, flush=True)
        parts = parts[len(parts) - len(parts) % 2 :]


if __name__ == "__main__":
    main(sys.argv[1])
