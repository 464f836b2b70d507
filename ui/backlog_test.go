package ui

import (
	"strings"
	"testing"

	"crieur/store"
)

// TestBacklogKeysFollowSavesAndSamples checks the backlog's one string of
// search keys against each post's own key after the changes that rebuild
// it: a post saved in place, a new post on top, the samples removed.
func TestBacklogKeysFollowSavesAndSamples(t *testing.T) {
	m := newTestModel(t, "fr", 100, 30, fixture())
	b := &m.backlog
	checkKeys(t, m)

	piscine := mustPost(t, m, "Piscine fermée pour vidange")
	piscine.Body = "Réouverture avec un toboggan géant le 15 décembre."
	saved, err := m.st.SavePost(piscine)
	if err != nil {
		t.Fatal(err)
	}
	b.upsert(saved)
	checkKeys(t, m)
	b.setQuery("toboggan")
	if len(b.matches) != 1 || b.posts[b.matches[0]].ID != saved.ID {
		t.Errorf("the saved body is not found: %d matches", len(b.matches))
	}

	fresh, err := m.st.SavePost(store.Post{Title: "Trampoline au parc", Body: "Ouvert à tous.", Category: "event"})
	if err != nil {
		t.Fatal(err)
	}
	b.upsert(fresh)
	checkKeys(t, m)
	if b.posts[0].ID != fresh.ID {
		t.Errorf("the new post is not on top: %q", b.posts[0].Title)
	}
	b.setQuery("trampoline parc")
	if len(b.matches) != 1 || b.matches[0] != 0 {
		t.Errorf("the new post is not found: %v", b.matches)
	}

	if _, err := m.st.DeleteSamples(); err != nil {
		t.Fatal(err)
	}
	b.removeSamples()
	checkKeys(t, m)
	b.setQuery("")
	if len(b.posts) != len(fixture()) || b.samples != 0 {
		t.Errorf("%d posts, %d samples after removing the samples", len(b.posts), b.samples)
	}
}

// checkKeys compares every post's key in the backlog with the key of the
// post as stored.
func checkKeys(t *testing.T, m Model) {
	t.Helper()
	b := &m.backlog
	if len(b.starts) != len(b.posts)+1 || int(b.starts[len(b.posts)]) != len(b.keys) {
		t.Fatalf("%d starts for %d posts, last %d for %d bytes of keys",
			len(b.starts), len(b.posts), b.starts[len(b.starts)-1], len(b.keys))
	}
	for i, s := range b.posts {
		p, err := m.st.Post(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.key(int32(i)); got != p.SearchKey() {
			t.Errorf("post %d %q: key %q, want %q", i, s.Title, got, p.SearchKey())
		}
		if b.keys[b.starts[i+1]-1] != 0 || strings.IndexByte(b.key(int32(i)), 0) >= 0 {
			t.Errorf("post %d: key not ended by a zero byte", i)
		}
	}
}
