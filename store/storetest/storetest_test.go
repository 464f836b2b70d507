package storetest

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"crieur/store"
)

func TestPostIsRealisticAndStable(t *testing.T) {
	now := Now()
	statuses := map[store.Status]int{}
	categories := map[string]int{}
	for i := range 2000 {
		p := Post(i, now)
		if !reflect.DeepEqual(p, Post(i, now)) {
			t.Fatalf("post %d differs between two calls", i)
		}
		if !p.Status.Valid() || p.Title == "" || !utf8.ValidString(p.Title+p.Body+p.Notes) {
			t.Fatalf("post %d: %+v", i, p)
		}
		if n := len([]rune(p.Body)); p.Body != "" && (n < 400 || n > 1800) {
			t.Errorf("post %d body is %d characters", i, n)
		}
		if want := now.Add(-time.Duration(i) * 7 * time.Minute); !p.Created.Equal(want) {
			t.Errorf("post %d created %v, want %v", i, p.Created, want)
		}
		statuses[p.Status]++
		categories[p.Category]++
	}
	for _, s := range []store.Status{store.StatusIdea, store.StatusDraft, store.StatusReady, store.StatusValidated, store.StatusPlanned, store.StatusSent, store.StatusArchived} {
		if statuses[s] == 0 {
			t.Errorf("no post is %s", s)
		}
	}
	for _, c := range store.Categories {
		if categories[c] == 0 {
			t.Errorf("no post in category %s", c)
		}
	}
}

func TestPopulate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	Populate(t, path, 25)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bl, err := st.Backlog()
	if err != nil || len(bl.Posts) != 25 {
		t.Fatalf("%d summaries, %v", len(bl.Posts), err)
	}
	sums := bl.Posts
	if sums[0].Title() != Post(0, Now()).Title || sums[24].Title() != Post(24, Now()).Title {
		t.Errorf("newest %q, oldest %q", sums[0].Title(), sums[24].Title())
	}
	for _, i := range []int{0, 24} {
		if want := Post(i, Now()).SearchKey(); bl.Key(i) != want {
			t.Errorf("post %d: key %q, want %q", i, bl.Key(i), want)
		}
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
}
