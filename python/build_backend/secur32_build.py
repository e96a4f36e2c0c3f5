"""A PEP 517 / PEP 660 build backend for the secur32 package that needs
nothing but the standard library.

Why: `pip install ./python` must work offline. setuptools' backend needs
the `wheel` package to build wheels (setuptools < 70.1), and on machines
where it is missing it cannot be fetched. This backend reads the standard
[project] table of pyproject.toml and writes the wheel (or sdist) with
zipfile / tarfile. It implements the mandatory hooks and the optional ones
pip uses: build_wheel, build_sdist, build_editable, get_requires_for_*
and prepare_metadata_for_build_*.

What it packages: the directories listed in [tool.secur32-build] packages,
*.py files only, plus a libsecur32.so found in a package directory (the
wheel is then tagged for this platform instead of py3-none-any).
"""

import base64
import hashlib
import io
import os
import re
import sysconfig
import tarfile
import time
import zipfile

_ROOT = os.getcwd()  # PEP 517: the hooks run in the source tree


# -- pyproject.toml ---------------------------------------------------------


def _load_toml(text):
    try:
        import tomllib  # Python >= 3.11
    except ImportError:
        try:
            import tomli as tomllib
        except ImportError:
            return _mini_toml(text)
    return tomllib.loads(text)


def _strip_comment(line):
    quoted = False
    for i, c in enumerate(line):
        if c == '"' and (i == 0 or line[i - 1] != "\\"):
            quoted = not quoted
        elif c == "#" and not quoted:
            return line[:i].strip()
    return line.strip()


def _mini_toml(text):
    """Enough TOML for this project's pyproject.toml (for Python < 3.11
    without tomli): [tables], and keys whose values are strings or
    (possibly multi-line) lists of strings."""
    data, table = {}, None
    lines = iter(text.splitlines())
    for line in lines:
        line = _strip_comment(line)
        if not line:
            continue
        m = re.fullmatch(r"\[([^\]]+)\]", line)
        if m:
            table = data
            for part in m.group(1).split("."):
                table = table.setdefault(part.strip(), {})
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if value.startswith("[") and not value.endswith("]"):
            for more in lines:
                value += " " + _strip_comment(more)
                if value.endswith("]"):
                    break
        if value.startswith("["):
            parsed = re.findall(r'"((?:[^"\\]|\\.)*)"', value)
        else:
            m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', value)
            parsed = m.group(1) if m else value
        (table if table is not None else data)[key.strip()] = parsed
    return data


def _config():
    with open(os.path.join(_ROOT, "pyproject.toml"), encoding="utf-8") as f:
        data = _load_toml(f.read())
    project = data["project"]
    packages = data.get("tool", {}).get("secur32-build", {}).get("packages", [])
    return project, packages


def _normalized(name):
    return re.sub(r"[-_.]+", "_", name).lower()


# -- contents ---------------------------------------------------------------


def _package_files(packages):
    """(archive name, path) of every file to ship, sorted."""
    files = []
    for package in packages:
        base = os.path.join(_ROOT, package)
        for directory, subdirs, names in os.walk(base):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(".py") or name == "libsecur32.so":
                    path = os.path.join(directory, name)
                    files.append((os.path.relpath(path, _ROOT).replace(os.sep, "/"), path))
    return files


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % project["version"],
    ]
    if project.get("description"):
        lines.append("Summary: %s" % project["description"])
    if project.get("requires-python"):
        lines.append("Requires-Python: %s" % project["requires-python"])
    for dependency in project.get("dependencies", []):
        lines.append("Requires-Dist: %s" % dependency)
    for classifier in project.get("classifiers", []):
        lines.append("Classifier: %s" % classifier)
    body = ""
    readme = project.get("readme")
    if isinstance(readme, str) and os.path.exists(os.path.join(_ROOT, readme)):
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(_ROOT, readme), encoding="utf-8") as f:
            body = "\n" + f.read()
    return ("\n".join(lines) + "\n" + body).encode("utf-8")


def _dist_info(project):
    return "%s-%s.dist-info" % (_normalized(project["name"]), project["version"])


def _tag(files):
    if any(name.endswith(".so") for name, _ in files):
        platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        return "py3-none-" + platform, False
    return "py3-none-any", True


# -- wheels -----------------------------------------------------------------


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _write_wheel(directory, project, contents, tag, purelib):
    """Writes a wheel holding `contents` ((archive name, bytes) pairs) and
    the dist-info files; returns its file name."""
    dist_info = _dist_info(project)
    wheel_name = "%s-%s-%s.whl" % (_normalized(project["name"]), project["version"], tag)
    wheel_file = (
        "Wheel-Version: 1.0\n"
        "Generator: secur32_build\n"
        "Root-Is-Purelib: %s\n"
        "Tag: %s\n" % ("true" if purelib else "false", tag)
    ).encode("ascii")
    entries = list(contents) + [
        (dist_info + "/METADATA", _metadata(project)),
        (dist_info + "/WHEEL", wheel_file),
        (dist_info + "/top_level.txt", b"secur32\n"),
    ]
    record = []
    stamp = time.localtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(os.path.join(directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            record.append("%s,%s,%d" % (name, _record_hash(data), len(data)))
        record.append(dist_info + "/RECORD,,")
        info = zipfile.ZipInfo(dist_info + "/RECORD", stamp)
        info.external_attr = 0o644 << 16
        z.writestr(info, "\n".join(record) + "\n")
    return wheel_name


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    project, _ = _config()
    dist_info = _dist_info(project)
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    with open(os.path.join(metadata_directory, dist_info, "METADATA"), "wb") as f:
        f.write(_metadata(project))
    return dist_info


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project, packages = _config()
    files = _package_files(packages)
    tag, purelib = _tag(files)
    contents = [(name, _read(path)) for name, path in files]
    return _write_wheel(wheel_directory, project, contents, tag, purelib)


_EDITABLE_FINDER = '''\
"""Editable install of secur32: imports it from %(root)r."""
import importlib.util
import sys

_PACKAGES = %(packages)r


class _Finder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name in _PACKAGES:
            location = _PACKAGES[name]
            return importlib.util.spec_from_file_location(
                name, location + "/__init__.py", submodule_search_locations=[location]
            )
        return None


if _Finder not in sys.meta_path:
    sys.meta_path.append(_Finder)
'''


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    project, packages = _config()
    locations = {p.replace("/", "."): os.path.join(_ROOT, p) for p in packages}
    finder = _EDITABLE_FINDER % {"root": _ROOT, "packages": locations}
    contents = [
        ("_secur32_editable.py", finder.encode("utf-8")),
        ("_secur32_editable.pth", b"import _secur32_editable\n"),
    ]
    return _write_wheel(wheel_directory, project, contents, "py3-none-any", True)


# -- sdist ------------------------------------------------------------------


def build_sdist(sdist_directory, config_settings=None):
    project, packages = _config()
    base = "%s-%s" % (_normalized(project["name"]), project["version"])
    names = ["pyproject.toml", "README.md", "build_backend/secur32_build.py"]
    names += [name for name, _ in _package_files(packages) if not name.endswith(".so")]
    for directory, subdirs, files in os.walk(os.path.join(_ROOT, "tests")):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                names.append(os.path.relpath(os.path.join(directory, name), _ROOT))
    sdist_name = base + ".tar.gz"
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    with tarfile.open(os.path.join(sdist_directory, sdist_name), "w:gz", format=tarfile.PAX_FORMAT) as tar:

        def add(name, data):
            info = tarfile.TarInfo(base + "/" + name.replace(os.sep, "/"))
            info.size = len(data)
            info.mtime = mtime
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))

        for name in names:
            path = os.path.join(_ROOT, name)
            if os.path.exists(path):
                add(name, _read(path))
        add("PKG-INFO", _metadata(project))
    return sdist_name
