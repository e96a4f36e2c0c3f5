"""The standard-library build backend (python/build_backend): the wheel it
writes is complete and consistent, and its TOML fallback reads
pyproject.toml as tomllib does. No library needed."""

import base64
import csv
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import unittest
import zipfile

from . import _support as s

sys.path.insert(0, os.path.join(s.PYTHON_DIR, "build_backend"))
try:
    import secur32_build
finally:
    sys.path.pop(0)


class BackendTests(unittest.TestCase):
    def setUp(self):
        self.cwd = os.getcwd()
        os.chdir(s.PYTHON_DIR)  # PEP 517 hooks run in the source tree
        self.addCleanup(os.chdir, self.cwd)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        secur32_build._ROOT = s.PYTHON_DIR

    def test_no_build_requirements(self):
        self.assertEqual(secur32_build.get_requires_for_build_wheel(), [])
        self.assertEqual(secur32_build.get_requires_for_build_sdist(), [])
        self.assertEqual(secur32_build.get_requires_for_build_editable(), [])

    def test_wheel(self):
        name = secur32_build.build_wheel(self.tmp.name)
        with zipfile.ZipFile(os.path.join(self.tmp.name, name)) as wheel:
            names = wheel.namelist()
            for module in ("__init__", "_lib", "raw", "context"):
                self.assertIn("secur32/%s.py" % module, names)
            self.assertFalse([n for n in names if n.startswith("tests/")])
            dist_info = [n.split("/")[0] for n in names if n.endswith(".dist-info/WHEEL")][0]
            metadata = wheel.read(dist_info + "/METADATA").decode()
            self.assertIn("Name: secur32\n", metadata)
            import secur32

            self.assertIn("Version: %s\n" % secur32.__version__, metadata)
            rows = list(csv.reader(io.StringIO(wheel.read(dist_info + "/RECORD").decode())))
            self.assertEqual(sorted(row[0] for row in rows), sorted(names))
            for path, digest, size in rows:
                if path.endswith("RECORD"):
                    continue
                data = wheel.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                self.assertEqual(digest, "sha256=" + expected.decode())
                self.assertEqual(int(size), len(data))
        expected_tag = "py3-none-any" if not os.path.exists(
            os.path.join(s.PYTHON_DIR, "secur32", "libsecur32.so")) else None
        if expected_tag:
            self.assertTrue(name.endswith(expected_tag + ".whl"), name)

    def test_editable_wheel(self):
        name = secur32_build.build_editable(self.tmp.name)
        with zipfile.ZipFile(os.path.join(self.tmp.name, name)) as wheel:
            self.assertIn("_secur32_editable.pth", wheel.namelist())
            finder = wheel.read("_secur32_editable.py").decode()
            self.assertIn(os.path.join(s.PYTHON_DIR, "secur32"), finder)

    def test_sdist(self):
        name = secur32_build.build_sdist(self.tmp.name)
        with tarfile.open(os.path.join(self.tmp.name, name)) as sdist:
            names = sdist.getnames()
        for path in ("pyproject.toml", "PKG-INFO", "secur32/raw.py", "build_backend/secur32_build.py",
                     "tests/test_handshake_ssl.py"):
            self.assertIn("secur32-0.1.0/" + path, names)

    def test_toml_fallback(self):
        try:
            import tomllib
        except ImportError:
            self.skipTest("no tomllib to compare with")
        with open(os.path.join(s.PYTHON_DIR, "pyproject.toml")) as f:
            text = f.read()
        self.assertEqual(secur32_build._mini_toml(text), tomllib.loads(text))


if __name__ == "__main__":
    unittest.main()
