package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
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
	if len(b.matches) != 1 || b.posts[b.matches[0]].ID() != saved.ID {
		t.Errorf("the saved body is not found: %d matches", len(b.matches))
	}

	fresh, err := m.st.SavePost(store.Post{Title: "Trampoline au parc", Body: "Ouvert à tous.", Category: "event"})
	if err != nil {
		t.Fatal(err)
	}
	b.upsert(fresh)
	checkKeys(t, m)
	if b.posts[0].ID() != fresh.ID {
		t.Errorf("the new post is not on top: %q", b.posts[0].Title())
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
		p, err := m.st.Post(s.ID())
		if err != nil {
			t.Fatal(err)
		}
		if got := b.key(int32(i)); got != p.SearchKey() {
			t.Errorf("post %d %q: key %q, want %q", i, s.Title(), got, p.SearchKey())
		}
		if b.keys[b.starts[i+1]-1] != 0 || strings.IndexByte(b.key(int32(i)), 0) >= 0 {
			t.Errorf("post %d: key not ended by a zero byte", i)
		}
	}
}

// TestSignedFilterMatchesReading checks the filter with signed keys
// against the plain definition, every key read for every term, and against
// the filter before its keys are signed: queries typed letter by letter,
// erased, pasted whole, of several words, on keys with accents, emoji and
// punctuation, in every tab, before and after posts are saved and samples
// removed.
func TestSignedFilterMatchesReading(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"piscine", "Fermée", "école", "noël", "œuvre", "marché", "déchets", "été",
		"a", "l'été", "km/h", "110", "1er", "x", "zoo", "🎄", "📚", "⚠️", "🚧", "«", "—", "Ça", "ÉTÉ"}
	text := func(n int) string {
		var sb strings.Builder
		for range n {
			w := words[r.IntN(len(words))]
			if r.IntN(5) == 0 {
				w = string(rune(0x20 + r.IntN(0x2000))) // any character of the first pages
			}
			sb.WriteString(w)
			sb.WriteString([]string{" ", " ", "", ", ", "\n", "-"}[r.IntN(6)])
		}
		return sb.String()
	}
	post := func(i int) store.Post {
		return store.Post{ID: fmt.Sprintf("p%04d", i), Title: text(1 + r.IntN(4)), Body: text(r.IntN(30)),
			Category: []string{"event", "alert", "Spécial", ""}[r.IntN(4)], Sample: r.IntN(6) == 0}
	}
	var bl store.Backlog
	for i := range 400 {
		p := post(i)
		bl.Posts = append(bl.Posts, p.Summary())
		bl.Starts = append(bl.Starts, int32(len(bl.Keys)))
		bl.Keys += p.SearchKey() + "\x00"
	}
	bl.Starts = append(bl.Starts, int32(len(bl.Keys)))

	var signed, unsigned backlog
	signed.setPosts(bl)
	unsigned.setPosts(store.Backlog{Posts: slices.Clone(bl.Posts), Keys: bl.Keys, Starts: slices.Clone(bl.Starts)})
	signed.sign(signed.signCmd()().(signedMsg))
	if !signed.signed() || unsigned.signed() {
		t.Fatal("the keys are not signed")
	}
	query := func() string {
		q := text(1 + r.IntN(3))
		if r.IntN(3) == 0 { // a piece of a key, cut anywhere, even inside a character
			k := signed.key(int32(r.IntN(len(signed.posts))))
			i := r.IntN(len(k) + 1)
			q = k[i:min(i+1+r.IntN(6), len(k))] + " " + q[:r.IntN(len(q)+1)]
		}
		return q
	}
	check := func(q string) {
		t.Helper()
		signed.setQuery(q)
		unsigned.setQuery(q)
		terms := strings.Fields(store.Fold(strings.TrimSpace(q)))
		var want []int32
	posts:
		for i := range signed.posts {
			for _, term := range terms {
				if !strings.Contains(signed.key(int32(i)), term) {
					continue posts
				}
			}
			want = append(want, int32(i))
		}
		if !slices.Equal(signed.matches, want) || !slices.Equal(unsigned.matches, want) {
			t.Fatalf("query %q: signed %v, unsigned %v, want %v", q, signed.matches, unsigned.matches, want)
		}
		if !slices.Equal(signed.view, unsigned.view) || signed.counts != unsigned.counts {
			t.Fatalf("query %q: tabs %v %v, want %v %v", q, signed.view, signed.counts, unsigned.view, unsigned.counts)
		}
	}
	filter := func() {
		t.Helper()
		for range 60 {
			if r.IntN(4) == 0 {
				tab := r.IntN(len(tabStatus))
				signed.setTab(tab)
				unsigned.setTab(tab)
			}
			q := query()
			if r.IntN(2) == 0 {
				check(q)
				continue
			}
			for i := range len(q) + 1 { // typed, bytes at a time, then erased
				check(q[:i])
			}
			for i := len(q); i >= 0; i-- {
				check(q[:i])
			}
		}
		for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789éœ🎄'-/«" {
			check(string(c))
		}
	}
	filter()

	for i := range 30 {
		p := post(1000 + i)
		if r.IntN(2) == 0 { // a post saved again
			p.ID = signed.posts[r.IntN(len(signed.posts))].ID()
		}
		signed.upsert(p)
		unsigned.upsert(p)
		check(query())
	}
	filter()
	checkSigned(t, &signed)

	signed.removeSamples()
	unsigned.removeSamples()
	if signed.samples != 0 || len(signed.posts) != len(unsigned.posts) {
		t.Fatalf("%d samples left, %d posts for %d", signed.samples, len(signed.posts), len(unsigned.posts))
	}
	filter()
	checkSigned(t, &signed)
}

// checkSigned compares the signatures the backlog kept up to date with
// those of its keys signed anew.
func checkSigned(t *testing.T, b *backlog) {
	t.Helper()
	unsigned := *b
	unsigned.sigs = nil
	if !slices.Equal(b.sigs, unsigned.signCmd()().(signedMsg).sigs) {
		t.Fatalf("the signatures kept differ from the keys signed anew")
	}
}

// TestSigningOfOlderKeysIsDropped: keys signed before a save are not
// taken after it, and the next opening of the filter signs them again.
func TestSigningOfOlderKeysIsDropped(t *testing.T) {
	m := newTestModel(t, "fr", 100, 30, fixture())
	b := &m.backlog
	if b.signed() {
		t.Fatal("the keys are signed before the filter is opened")
	}
	late := b.signCmd()
	piscine := mustPost(t, m, "Piscine fermée pour vidange")
	piscine.Title = "Trampoline au parc"
	saved, err := m.st.SavePost(piscine)
	if err != nil {
		t.Fatal(err)
	}
	b.upsert(saved)
	m = send(t, m, late())
	if m.backlog.signed() {
		t.Fatal("signatures of older keys were taken")
	}

	m = press(t, m, "/")
	if !m.backlog.signed() {
		t.Fatal("opening the filter did not sign the keys")
	}
	m = typeText(t, m, "tramp")
	if len(m.backlog.matches) != 1 || m.backlog.posts[m.backlog.matches[0]].ID() != saved.ID {
		t.Errorf("the saved post is not found: %v", m.backlog.matches)
	}
	checkSigned(t, &m.backlog)
}

// A query that reads many keys is matched in a command: the key press
// returns at once with the previous matches, the command's answer brings
// the same matches as matching at once, and an answer overtaken by more
// typing is dropped.
func TestLargeQueriesMatchInTheBackground(t *testing.T) {
	words := []string{"piscine", "marché", "école", "pont", "parc", "travaux", "pièce", "ip"}
	var bl store.Backlog
	for i := range filterAsyncAbove + 5_000 {
		p := store.Post{ID: fmt.Sprintf("p%06d", i), Title: words[i%len(words)] + " " + words[(i/7)%len(words)], Body: words[(i/3)%len(words)]}
		bl.Posts = append(bl.Posts, p.Summary())
		bl.Starts = append(bl.Starts, int32(len(bl.Keys)))
		bl.Keys += p.SearchKey() + "\x00"
	}
	bl.Starts = append(bl.Starts, int32(len(bl.Keys)))
	var b, ref backlog
	b.setPosts(bl)
	ref.setPosts(store.Backlog{Posts: slices.Clone(bl.Posts), Keys: bl.Keys, Starts: slices.Clone(bl.Starts)})
	b.sign(b.signCmd()().(signedMsg))

	// One letter: answered from the signatures, at once.
	if cmd := b.setQuery("p"); cmd != nil {
		t.Fatal("a first letter went to the background")
	}
	before := slices.Clone(b.matches)
	// A second letter among tens of thousands of matches: in the background.
	cmd := b.setQuery("pi")
	if cmd == nil {
		t.Fatal("a second letter over 25,000 keys was matched in the key press")
	}
	if !slices.Equal(b.matches, before) {
		t.Fatal("the matches changed before the command answered")
	}
	b.filtered(nil, cmd().(filteredMsg))
	ref.query = store.Fold("pi")
	ref.refilter(true, "")
	if !slices.Equal(b.matches, ref.matches) || len(b.matches) == 0 {
		t.Fatalf("background matches (%d) differ from matching at once (%d)", len(b.matches), len(ref.matches))
	}

	// An answer for a query typed over is dropped.
	b.setQuery("")
	stale := b.setQuery("po")
	if stale == nil {
		t.Fatal("a two-letter query over every key was matched in the key press")
	}
	b.setQuery("")
	b.filtered(nil, stale().(filteredMsg))
	if len(b.matches) != len(b.posts) {
		t.Fatalf("a stale answer was applied: %d matches for an empty query", len(b.matches))
	}
}

// The first thing a newcomer does: remove the sample week. With every
// post a sample, the list the cursor pointed into was gone before the
// filter read the selection from it, and the desk died.
func TestRemovingEverySampleKeepsTheDesk(t *testing.T) {
	for _, selectedRow := range []int{0, 3} {
		var posts []store.Post
		for _, p := range fixture() {
			p.Sample = true
			posts = append(posts, p)
		}
		posts = append(posts, store.Post{Title: "Notre post", Body: "Texte", Status: store.StatusIdea, Created: testNow})
		m := newTestModel(t, "fr", 80, 24, posts)
		for range selectedRow {
			m = press(t, m, "j")
		}
		m = press(t, m, "X", "o")
		s := screenText(m)
		if !strings.Contains(s, "Notre post") || strings.Contains(s, "· exemple") || m.backlog.samples != 0 {
			t.Fatalf("after removing the samples:\n%s", s)
		}
		if sel, ok := m.backlog.selected(); !ok || sel.Title() != "Notre post" {
			t.Errorf("the cursor is on %+v, want the post that is left", sel)
		}
		// Only samples: the list is empty, and every key still answers.
		only := posts[:len(posts)-1]
		m = newTestModel(t, "fr", 80, 24, only)
		m = press(t, m, "X", "o", "j", "k", "G", "enter", "v", "/", "a", "esc", "tab")
		if s := screenText(m); !strings.Contains(s, "Aucune publication ici") {
			t.Errorf("the empty backlog:\n%s", s)
		}
	}
}
