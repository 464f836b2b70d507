package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "posts.jsonl")
	if err := os.WriteFile(plain, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(plain, link); err != nil {
		t.Fatal(err)
	}
	for path, ok := range map[string]bool{plain: true, link: true, fifo: false, "/dev/zero": false, dir: false} {
		f, info, err := Open(path)
		if ok {
			if err != nil || !info.Mode().IsRegular() {
				t.Errorf("Open(%s) = %v", path, err)
				continue
			}
			f.Close()
			continue
		}
		if !errors.Is(err, ErrNotRegular) || f != nil {
			t.Errorf("Open(%s) = %v, want ErrNotRegular", path, err)
		}
	}
	if _, _, err := Open(filepath.Join(dir, "absent")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
