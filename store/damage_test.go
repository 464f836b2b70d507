package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// putRaw writes a value straight into a bucket, as a damaged disk or a bug
// in an older crieur might have left it.
func putRaw(t *testing.T, st *Store, bucketName, key, value []byte) {
	t.Helper()
	err := st.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketName).Put(key, value) })
	if err != nil {
		t.Fatal(err)
	}
}

func TestDamagedValuesAreErrors(t *testing.T) {
	garbage := map[string][]byte{
		"empty":            {},
		"unknown encoding": {9, 1, 2, 3},
		"truncated":        {encSummaryV1, 200, 1},
		"bad json":         {encJSONv1, '{', '"'},
		"huge length":      {encSummaryV1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
		"json as summary":  append([]byte{encSummaryV1}, `{"title":"x"}`...),
	}
	for name, value := range garbage {
		t.Run(name, func(t *testing.T) {
			st, _ := openTemp(t)
			p := mustSave(t, st, Post{Title: "intact", Sample: true})
			q := mustSave(t, st, Post{Title: "abîmé"})

			putRaw(t, st, bucketSummaries, []byte(q.ID), value)
			if _, err := st.Summaries(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), q.ID) {
				t.Errorf("Summaries over a damaged summary: %v, want ErrCorrupt naming the post", err)
			}
			if _, err := st.DeleteSamples(); !errors.Is(err, ErrCorrupt) {
				t.Errorf("DeleteSamples over a damaged summary: %v, want ErrCorrupt", err)
			}
			if _, err := st.Post(p.ID); err != nil {
				t.Errorf("an intact post became unreadable: %v", err)
			}

			putRaw(t, st, bucketPosts, []byte(q.ID), value)
			if _, err := st.Post(q.ID); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Post over a damaged value: %v, want ErrCorrupt", err)
			}
			if err := st.EachPost(func(Post) error { return nil }); !errors.Is(err, ErrCorrupt) {
				t.Errorf("EachPost over a damaged value: %v, want ErrCorrupt", err)
			}
			if _, err := st.SetStatus(q.ID, StatusDraft); !errors.Is(err, ErrCorrupt) {
				t.Errorf("SetStatus over a damaged value: %v, want ErrCorrupt", err)
			}
			// Saving over an unreadable post is refused, not an overwrite.
			if _, err := st.SavePost(Post{ID: q.ID, Title: "écrase"}); !errors.Is(err, ErrCorrupt) {
				t.Errorf("SavePost over a damaged value: %v, want ErrCorrupt", err)
			}

			putRaw(t, st, bucketRevisions, revKey(p.ID, 1), value)
			if _, err := st.Revisions(p.ID); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Revisions over a damaged value: %v, want ErrCorrupt", err)
			}
			if _, err := st.Restore(p.ID, 1); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Restore of a damaged revision: %v, want ErrCorrupt", err)
			}

			putRaw(t, st, bucketWorking, []byte(p.ID), value)
			if _, _, err := st.Working(p.ID); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Working over a damaged value: %v, want ErrCorrupt", err)
			}
			putRaw(t, st, bucketWorking, []byte("orphan"), value)
			if _, err := st.RecoverWorking(); !errors.Is(err, ErrCorrupt) {
				t.Errorf("RecoverWorking over a damaged value: %v, want ErrCorrupt", err)
			}
		})
	}
}

// fileWithPosts writes a real data file with n posts and returns its bytes.
func fileWithPosts(t *testing.T, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "source.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var posts []Post
	for i := range n {
		posts = append(posts, Post{
			Title:  fmt.Sprintf("Post %d — Fête de quartier", i),
			Body:   strings.Repeat("Entrée libre à la salle des fêtes. ", 20+i%30),
			Status: Statuses[i%len(Statuses)],
		})
	}
	if _, err := st.Import(posts, RevImport); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// boltFile writes a bbolt file laid out by fill, as another program or a
// newer crieur would.
func boltFile(t *testing.T, fill func(*bolt.Tx) error) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fill); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestBadFilesAreRefusedUntouched(t *testing.T) {
	good := fileWithPosts(t, 200)
	noise := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated", good[:len(good)/2], ErrDamaged},
		{"truncated to one page", good[:4096], ErrDamaged},
		{"zeroed", make([]byte, 64<<10), ErrDamaged},
		{"random bytes", noise, ErrDamaged},
		{"text file", []byte(strings.Repeat("Ceci n'est pas une base crieur.\n", 300)), ErrDamaged},
		{"short text file", []byte("title,body\nhello,world\n"), ErrDamaged},
		{"newer schema", boltFile(t, func(tx *bolt.Tx) error {
			meta, err := tx.CreateBucket(bucketMeta)
			if err != nil {
				return err
			}
			if _, err := tx.CreateBucket([]byte("plans")); err != nil {
				return err
			}
			return meta.Put(keySchema, u64key(99))
		}), ErrNewer},
		{"bad schema value", boltFile(t, func(tx *bolt.Tx) error {
			meta, err := tx.CreateBucket(bucketMeta)
			if err != nil {
				return err
			}
			return meta.Put(keySchema, []byte("1"))
		}), ErrDamaged},
		{"another program's bbolt file", boltFile(t, func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("widgets"))
			if err != nil {
				return err
			}
			return b.Put([]byte("k"), []byte("v"))
		}), ErrDamaged},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crieur.db")
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := Open(path, Options{})
			if err == nil {
				st.Close()
				t.Fatalf("opened a %s file", tc.name)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q should be one line naming the file", err)
			}
			after, rerr := os.ReadFile(path)
			if rerr != nil || !bytes.Equal(after, tc.data) {
				t.Errorf("the %s file was changed by Open", tc.name)
			}
			// The refused file is not left locked either.
			if again, err := Open(path, Options{Timeout: 50 * time.Millisecond}); errors.Is(err, ErrLocked) {
				t.Errorf("the file stays locked after a refused open")
			} else if err == nil {
				again.Close()
			}
		})
	}
}

// A truncated file is read through a memory map: pages past the end must
// give an error, at whatever point the file was cut, never a crash.
func TestTruncatedAnywhere(t *testing.T) {
	good := fileWithPosts(t, 300)
	dir := t.TempDir()
	refused := 0
	step := len(good) / 23
	for n := 4096; n < len(good); n += step {
		path := filepath.Join(dir, fmt.Sprintf("cut-%d.db", n))
		if err := os.WriteFile(path, good[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		err := readAll(path)
		switch {
		case err == nil:
		case errors.Is(err, ErrDamaged) || errors.Is(err, ErrCorrupt):
			refused++
		default:
			t.Errorf("cut at %d: %v, want ErrDamaged or ErrCorrupt", n, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, good[:n]) {
			t.Errorf("cut at %d: the file was changed", n)
		}
	}
	if refused == 0 {
		t.Error("no truncation was noticed")
	}
}

// readAll opens a data file and reads everything in it.
func readAll(path string) error {
	st, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Summaries(); err != nil {
		return err
	}
	if err := st.EachPost(func(p Post) error {
		_, err := st.Revisions(p.ID)
		return err
	}); err != nil {
		return err
	}
	return st.Check()
}

// TestHelperProcess is not a test: TestSecondOpenFromAnotherProcess runs
// the test binary again with it to try the data file from another process.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv("CRIEUR_TEST_OPEN")
	if path == "" {
		return
	}
	st, err := Open(path, Options{Timeout: time.Second})
	switch {
	case err == nil:
		st.Close()
		fmt.Println("opened")
	case errors.Is(err, ErrLocked) && strings.Contains(err.Error(), path):
		fmt.Println("locked")
	default:
		fmt.Println("error:", err)
	}
	os.Exit(0)
}

func tryFromAnotherProcess(t *testing.T, path string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "CRIEUR_TEST_OPEN="+path)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper process: %v", err)
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func TestSecondOpenFromAnotherProcess(t *testing.T) {
	st, _ := openTemp(t)
	mustSave(t, st, Post{Title: "ouvert ici"})
	if got := tryFromAnotherProcess(t, st.Path()); got != "locked" {
		t.Fatalf("second crieur got %q, want locked", got)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if got := tryFromAnotherProcess(t, st.Path()); got != "opened" {
		t.Fatalf("after close the other crieur got %q, want opened", got)
	}
}

func TestUnwritablePlaces(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: root ignores file permissions, so an unreadable folder cannot be made; TestPathUnderAFile covers the error path")
	}
	dir := filepath.Join(t.TempDir(), "locked")
	if err := os.Mkdir(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	path := filepath.Join(dir, "crieur.db")
	if _, err := Open(path, Options{}); !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), path) {
		t.Errorf("open in a read-only folder: %v, want a permission error naming the file", err)
	}

	ro := filepath.Join(t.TempDir(), "crieur.db")
	data := fileWithPosts(t, 3)
	if err := os.WriteFile(ro, data, 0o400); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ro, Options{}); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("open of a read-only file: %v, want a permission error", err)
	}
	if after, _ := os.ReadFile(ro); !bytes.Equal(after, data) {
		t.Error("the read-only file was changed")
	}
}

func TestPathUnderAFile(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(plain, []byte("pas un dossier"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(plain, "crieur.db")
	_, err := Open(path, Options{})
	if !errors.Is(err, syscall.ENOTDIR) || !strings.Contains(err.Error(), path) {
		t.Errorf("open under a file: %v, want ENOTDIR naming the path", err)
	}
	if data, _ := os.ReadFile(plain); string(data) != "pas un dossier" {
		t.Error("the file in the way was changed")
	}
}
