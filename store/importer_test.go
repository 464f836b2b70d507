package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func manyPosts(n int, base time.Time) []Post {
	posts := make([]Post, n)
	for i := range posts {
		posts[i] = Post{Title: fmt.Sprintf("importé %05d", i), Body: "Texte.", Status: StatusDraft, Created: base.Add(time.Duration(i) * time.Minute),
			Link: fmt.Sprintf("https://www.valbourg.fr/actualites/%d", i)}
	}
	return posts
}

func linkKeys(t *testing.T, st *Store) int {
	t.Helper()
	n := 0
	if err := st.view(func(tx *bolt.Tx) error { n = tx.Bucket(bucketLinks).Stats().KeyN; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func importingKeys(t *testing.T, st *Store) int {
	t.Helper()
	n := 0
	if err := st.view(func(tx *bolt.Tx) error { n = tx.Bucket(bucketImporting).Stats().KeyN; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImporterWritesInBatchesAllOrNothing(t *testing.T) {
	photo, shared := []byte("a photo only the import brings"), []byte("a photo the desk has already")
	base := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		finish func(t *testing.T, st *Store, im *Importer, path string) *Store
		kept   bool
	}{
		{"committed", func(t *testing.T, st *Store, im *Importer, _ string) *Store {
			if n, err := im.Commit(); err != nil || n != 2*importBatchPosts+500 {
				t.Fatalf("commit: %d, %v", n, err)
			}
			return st
		}, true},
		{"aborted", func(t *testing.T, st *Store, im *Importer, _ string) *Store {
			if err := im.Abort(); err != nil {
				t.Fatal(err)
			}
			return st
		}, false},
		{"cut short, then opened again", func(t *testing.T, st *Store, im *Importer, path string) *Store {
			st.Close() // the process was killed after two batches
			again, err := Open(path, Options{Now: newClock().now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { again.Close() })
			return again
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crieur.db")
			st, err := Open(path, Options{Now: newClock().now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			before := mustSave(t, st, withPicture(Post{Title: "déjà là", Alt: "a"}, "a.jpg", shared))
			im := st.NewImporter(RevImport)
			posts := manyPosts(2*importBatchPosts+500, base)
			posts[0] = withPicture(posts[0], "nouveau.jpg", photo)
			posts[1] = withPicture(posts[1], "a.jpg", shared)
			for _, p := range posts {
				if err := im.Add(p); err != nil {
					t.Fatal(err)
				}
			}
			if sums, _ := st.Summaries(); len(sums) != 1+2*importBatchPosts {
				t.Fatalf("%d posts after adding: two batches should be written", len(sums))
			}
			st = c.finish(t, st, im, path)
			sums, err := st.Summaries()
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if c.kept {
				want += len(posts)
			}
			if len(sums) != want {
				t.Fatalf("%d posts, want %d", len(sums), want)
			}
			if importingKeys(t, st) != 0 {
				t.Error("the importing bucket is not empty")
			}
			if n, want := linkKeys(t, st), map[bool]int{true: len(posts), false: 0}[c.kept]; n != want {
				t.Errorf("the link index holds %d entries, want %d", n, want)
			}
			if _, err := st.Picture(sumOf(shared)); err != nil {
				t.Errorf("the picture the desk had before the import: %v", err)
			}
			if _, err := st.Picture(sumOf(photo)); (err == nil) != c.kept {
				t.Errorf("the picture only the import brought: %v", err)
			}
			if p, err := st.Post(before.ID); err != nil || p.Rev != before.Rev {
				t.Errorf("the post from before: %+v, %v", p, err)
			}
			if err := st.Check(); err != nil {
				t.Error(err)
			}
			if c.kept && (sums[1].Title() != fmt.Sprintf("importé %05d", len(posts)-1) || sums[len(sums)-1].Title() != "importé 00000") {
				t.Errorf("order: newest imported %q, oldest %q", sums[1].Title(), sums[len(sums)-1].Title())
			}
		})
	}
}

func TestAPostAtTheEpochKeepsItsDate(t *testing.T) {
	st, _ := openTemp(t)
	epoch := time.Unix(0, 0).UTC()
	if _, err := st.Import([]Post{{Title: "1970", Created: epoch}, {Title: "1970 et une seconde", Created: epoch.Add(time.Second)}}, RevImport); err != nil {
		t.Fatal(err)
	}
	b, err := st.Backlog()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range b.Posts {
		if s.Created().IsZero() || s.Created().Year() != 1970 {
			t.Errorf("%q: created %v", s.Title(), s.Created())
		}
	}
	if got := b.Posts[1].Created(); !got.Equal(epoch) {
		t.Errorf("the post of 1970-01-01T00:00:00Z reads as %v", got)
	}
	if s := b.Posts[0]; s.Slot() != (time.Time{}) {
		t.Errorf("no slot reads as %v", s.Slot())
	}
}
