package bounds

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bounds: any Go file, tests included, and the root model's file.
const (
	maxLines      = 700
	rootModel     = "ui/model.go"
	maxModelLines = 400
)

// TestSourceBounds fails when a Go file of the module is over 700 lines,
// or ui/model.go over 400, and names each.
func TestSourceBounds(t *testing.T) {
	root := moduleRoot(t)
	over, files, err := overBounds(root)
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read %d Go files under %s; the module has more: is it the module's root?", files, root)
	}
	if _, err := os.Stat(filepath.Join(root, rootModel)); err != nil {
		t.Fatalf("the root model's file: %v", err)
	}
	for _, o := range over {
		t.Error(o)
	}
}

// TestBoundsAreFound checks the test itself: in a tree of its own, the
// files past a bound are named, and those at it are not.
func TestBoundsAreFound(t *testing.T) {
	root := t.TempDir()
	write := func(name string, lines int) {
		t.Helper()
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.Repeat("//\n", lines)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("long.go", maxLines+1)
	write("store/long_test.go", maxLines+1)
	write("at.go", maxLines)
	write("ui/model.go", maxModelLines+1)
	write("ui/other.go", maxModelLines+1)
	write("notes.txt", maxLines+1)
	write(".git/hidden.go", maxLines+1)
	// A last line without its newline counts.
	if err := os.WriteFile(filepath.Join(root, "ui", "unended.go"), []byte(strings.Repeat("//\n", maxLines)+"//"), 0o644); err != nil {
		t.Fatal(err)
	}

	over, files, err := overBounds(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"long.go is 701 lines; a Go file may not be over 700: split it along a seam",
		"store/long_test.go is 701 lines; a Go file may not be over 700: split it along a seam",
		"ui/model.go is 401 lines; the root model may not be over 400: move behaviour to the screens or the desk",
		"ui/unended.go is 701 lines; a Go file may not be over 700: split it along a seam",
	}
	if strings.Join(over, "\n") != strings.Join(want, "\n") {
		t.Errorf("named:\n%s\nwant:\n%s", strings.Join(over, "\n"), strings.Join(want, "\n"))
	}
	if files != 6 {
		t.Errorf("read %d Go files, want the 6 outside .git", files)
	}
}

// overBounds reads every Go file under root (hidden folders, vendor and
// testdata left out) and says which are past their bound, in path order.
func overBounds(root string) (over []string, files int, err error) {
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || !e.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		lines := bytes.Count(data, []byte("\n"))
		if len(data) > 0 && data[len(data)-1] != '\n' {
			lines++
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == rootModel && lines > maxModelLines:
			over = append(over, fmt.Sprintf("%s is %d lines; the root model may not be over %d: move behaviour to the screens or the desk", rel, lines, maxModelLines))
		case lines > maxLines:
			over = append(over, fmt.Sprintf("%s is %d lines; a Go file may not be over %d: split it along a seam", rel, lines, maxLines))
		}
		return nil
	})
	return over, files, err
}

// moduleRoot is the folder of crieur's go.mod, above this package's.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if !bytes.HasPrefix(data, []byte("module crieur\n")) {
				t.Fatalf("%s/go.mod is not crieur's", dir)
			}
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
