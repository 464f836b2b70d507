package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// clock is a test's hand on time: it starts on a fixed Monday morning and
// moves only when the test says so.
type clock struct{ t time.Time }

func newClock() *clock {
	return &clock{t: time.Date(2025, time.November, 24, 9, 30, 0, 0, time.UTC)}
}

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// openTemp opens a new data file in the test's temporary folder.
func openTemp(t *testing.T) (*Store, *clock) {
	t.Helper()
	c := newClock()
	st, err := Open(filepath.Join(t.TempDir(), "crieur.db"), Options{Now: c.now})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, c
}

func mustSave(t *testing.T, st *Store, p Post) Post {
	t.Helper()
	saved, err := st.SavePost(p)
	if err != nil {
		t.Fatalf("save %q: %v", p.Title, err)
	}
	return saved
}

func mustRevisions(t *testing.T, st *Store, id string) []Revision {
	t.Helper()
	revs, err := st.Revisions(id)
	if err != nil {
		t.Fatalf("revisions of %s: %v", id, err)
	}
	return revs
}

func TestCreateAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "crieur.db")
	c := newClock()
	st, err := Open(path, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Fresh() {
		t.Error("a new file is not reported fresh")
	}
	if st.Path() != path {
		t.Errorf("Path() = %q, want %q", st.Path(), path)
	}
	saved := mustSave(t, st, Post{Title: "Piscine fermée", Body: "Vidange annuelle.", Category: "service"})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("data file mode %v, want 0600", perm)
	}

	st, err = Open(path, Options{Now: c.now})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	if st.Fresh() {
		t.Error("a reopened file is reported fresh")
	}
	got, err := st.Post(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Piscine fermée" || got.Rev != 1 || got.Status != StatusIdea {
		t.Errorf("reopened post = %+v", got)
	}
	if err := st.Check(); err != nil {
		t.Errorf("check: %v", err)
	}
}

func TestOpenFolderIsDamaged(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), dir) {
		t.Errorf("opening a folder: %v, want ErrDamaged naming it", err)
	}
}

func TestSaveKeepsEveryRevision(t *testing.T) {
	st, c := openTemp(t)
	p := mustSave(t, st, Post{Title: "Collecte décalée", Body: "v1"})
	created := p.Created
	for i, body := range []string{"v2", "v3", "v4"} {
		c.advance(time.Minute)
		p.Body = body
		p = mustSave(t, st, p)
		if p.Rev != uint64(i+2) {
			t.Fatalf("rev after save %d = %d", i+2, p.Rev)
		}
	}
	if !p.Created.Equal(created) {
		t.Errorf("created moved from %v to %v", created, p.Created)
	}
	if !p.Updated.Equal(c.now()) {
		t.Errorf("updated = %v, want %v", p.Updated, c.now())
	}
	revs := mustRevisions(t, st, p.ID)
	if len(revs) != 4 {
		t.Fatalf("%d revisions, want 4", len(revs))
	}
	for i, r := range revs {
		want := []string{"v1", "v2", "v3", "v4"}[i]
		if r.Rev != uint64(i+1) || r.Post.Body != want || r.Kind != RevSave {
			t.Errorf("revision %d = rev %d %q %s, want rev %d %q save", i, r.Rev, r.Post.Body, r.Kind, i+1, want)
		}
	}
}

func TestRevisionsStayWithTheirPost(t *testing.T) {
	st, _ := openTemp(t)
	// "p1" is a prefix of "p10": their revisions must not mix.
	mustSave(t, st, Post{ID: "p1", Title: "un"})
	mustSave(t, st, Post{ID: "p10", Title: "dix"})
	p := mustSave(t, st, Post{ID: "p1", Title: "un bis", Rev: 1})
	if revs := mustRevisions(t, st, "p1"); len(revs) != 2 || revs[1].Post.Title != p.Title {
		t.Errorf("p1 revisions = %+v", revs)
	}
	if revs := mustRevisions(t, st, "p10"); len(revs) != 1 || revs[0].Post.Title != "dix" {
		t.Errorf("p10 revisions = %+v", revs)
	}
	if _, err := st.Revisions("p"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revisions of an unknown post: %v, want ErrNotFound", err)
	}
}

func TestStaleSaveConflicts(t *testing.T) {
	st, _ := openTemp(t)
	first := mustSave(t, st, Post{Title: "Alerte tempête", Body: "Vent fort."})
	here, there := first, first
	here.Body = "Vent très fort."
	mustSave(t, st, here)
	there.Body = "Rafales à 110 km/h."
	_, err := st.SavePost(there)
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("stale save: %v, want ErrConflict", err)
	}
	got, _ := st.Post(first.ID)
	if got.Body != "Vent très fort." || got.Rev != 2 {
		t.Errorf("after a refused save the post is %q rev %d", got.Body, got.Rev)
	}
	// A post that does not exist cannot be saved at a revision.
	if _, err := st.SavePost(Post{ID: NewID(time.Now()), Rev: 3}); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving an unknown post at rev 3: %v, want ErrNotFound", err)
	}
}

func TestIdenticalSaveWritesNothing(t *testing.T) {
	st, c := openTemp(t)
	p := mustSave(t, st, Post{Title: "Médiathèque", Body: "Nouveaux horaires.", Category: "service"})
	c.advance(time.Hour)
	again := mustSave(t, st, p)
	if again.Rev != p.Rev || !again.Updated.Equal(p.Updated) {
		t.Errorf("identical save moved the post from rev %d to %d", p.Rev, again.Rev)
	}
	if revs := mustRevisions(t, st, p.ID); len(revs) != 1 {
		t.Errorf("%d revisions after an identical save, want 1", len(revs))
	}
}

func TestUnknownStatusRefused(t *testing.T) {
	st, _ := openTemp(t)
	if _, err := st.SavePost(Post{Title: "x", Status: "published"}); !errors.Is(err, ErrStatus) {
		t.Errorf("save with an unknown status: %v, want ErrStatus", err)
	}
}

func TestStatusMoves(t *testing.T) {
	allowed := []struct{ from, to Status }{
		{StatusIdea, StatusDraft}, {StatusDraft, StatusReady}, {StatusReady, StatusDraft}, {StatusDraft, StatusIdea},
	}
	for _, m := range allowed {
		if !CanMove(m.from, m.to) {
			t.Errorf("CanMove(%s, %s) = false", m.from, m.to)
		}
	}
	refused := []struct{ from, to Status }{
		{StatusIdea, StatusReady}, {StatusReady, StatusValidated}, {StatusDraft, StatusSent},
		{StatusSent, StatusDraft}, {StatusIdea, StatusIdea}, {StatusArchived, StatusDraft},
	}
	for _, m := range refused {
		if CanMove(m.from, m.to) {
			t.Errorf("CanMove(%s, %s) = true", m.from, m.to)
		}
	}

	st, _ := openTemp(t)
	p := mustSave(t, st, Post{Title: "Travaux avenue Jean-Jaurès"})
	if _, err := st.SetStatus(p.ID, StatusReady); !errors.Is(err, ErrStatus) {
		t.Errorf("idea to ready: %v, want ErrStatus", err)
	}
	for _, to := range []Status{StatusDraft, StatusReady, StatusDraft, StatusReady} {
		moved, err := st.SetStatus(p.ID, to)
		if err != nil {
			t.Fatalf("to %s: %v", to, err)
		}
		if moved.Status != to {
			t.Fatalf("status %s, want %s", moved.Status, to)
		}
	}
	if _, err := st.SetStatus(p.ID, StatusValidated); !errors.Is(err, ErrStatus) {
		t.Errorf("ready to validated by hand: %v, want ErrStatus", err)
	}
	revs := mustRevisions(t, st, p.ID)
	if len(revs) != 5 || revs[4].Kind != RevStatus || revs[4].Post.Status != StatusReady {
		t.Errorf("revisions after four moves: %d, last %+v", len(revs), revs[len(revs)-1])
	}
	if _, err := st.SetStatus("nope", StatusDraft); !errors.Is(err, ErrNotFound) {
		t.Errorf("moving an unknown post: %v, want ErrNotFound", err)
	}
}

func TestArchiveAndBack(t *testing.T) {
	st, _ := openTemp(t)
	imported, err := st.Import([]Post{
		{Title: "brouillon", Status: StatusDraft},
		{Title: "prêt", Status: StatusReady},
		{Title: "envoyé", Status: StatusSent},
	}, RevImport)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range imported[:3] {
		archived, err := st.Archive(p.ID)
		if err != nil {
			t.Fatalf("archive %q: %v", p.Title, err)
		}
		if archived.Status != StatusArchived || archived.Before != p.Status {
			t.Errorf("archived %q: status %s before %s", p.Title, archived.Status, archived.Before)
		}
		back, err := st.Archive(p.ID)
		if err != nil {
			t.Fatalf("restore %q: %v", p.Title, err)
		}
		if back.Status != p.Status || back.Before != "" {
			t.Errorf("restored %q to %s (before %q), want %s", p.Title, back.Status, back.Before, p.Status)
		}
	}
	// An archived post whose earlier status is unknown comes back as a draft.
	lost, err := st.Import([]Post{{Title: "archivé sans passé", Status: StatusArchived}}, RevImport)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := st.Archive(lost[0].ID); err != nil || back.Status != StatusDraft {
		t.Errorf("restoring an archived post without a past: %s, %v", back.Status, err)
	}
}

func TestRestoreIsANewRevision(t *testing.T) {
	st, c := openTemp(t)
	p := mustSave(t, st, Post{Title: "Marché de Noël", Body: "Première version 🎄", Link: "https://magazine.valbourg.fr/noel", Category: "event", Notes: "brief"})
	c.advance(time.Minute)
	p.Body, p.Link, p.Notes = "Deuxième version", "https://www.valbourg.fr/noel", ""
	p = mustSave(t, st, p)
	p, err := st.SetStatus(p.ID, StatusDraft)
	if err != nil {
		t.Fatal(err)
	}

	restored, err := st.Restore(p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if restored.Rev != 4 || restored.Body != "Première version 🎄" || restored.Link != "https://magazine.valbourg.fr/noel" || restored.Notes != "brief" {
		t.Errorf("restored = rev %d %q %q %q", restored.Rev, restored.Body, restored.Link, restored.Notes)
	}
	if restored.Status != StatusDraft {
		t.Errorf("restoring content changed the status to %s", restored.Status)
	}
	revs := mustRevisions(t, st, p.ID)
	if len(revs) != 4 {
		t.Fatalf("%d revisions, want 4", len(revs))
	}
	if last := revs[3]; last.Kind != RevRestore || last.From != 1 {
		t.Errorf("last revision kind %s from %d, want restore from 1", last.Kind, last.From)
	}
	if revs[1].Post.Body != "Deuxième version" {
		t.Errorf("restoring rewrote revision 2: %q", revs[1].Post.Body)
	}
	if _, err := st.Restore(p.ID, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring revision 99: %v, want ErrNotFound", err)
	}
	if _, err := st.Restore("nope", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring an unknown post: %v, want ErrNotFound", err)
	}
}

func TestWorkingCopies(t *testing.T) {
	st, _ := openTemp(t)
	saved := mustSave(t, st, Post{Title: "Piscine", Body: "saved"})

	typing := saved
	typing.Body = "typed but not saved"
	if err := st.SaveWorking(typing); err != nil {
		t.Fatal(err)
	}
	orphan := Post{ID: NewID(time.Now()), Title: "Nouvelle idée jamais enregistrée", Body: "Réunion publique sur le PLU"}
	if err := st.SaveWorking(orphan); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveWorking(Post{Title: "sans id"}); err == nil {
		t.Error("a working copy without an id was accepted")
	}

	w, ok, err := st.Working(saved.ID)
	if err != nil || !ok || w.Body != "typed but not saved" {
		t.Fatalf("working copy = %q %v %v", w.Body, ok, err)
	}
	if p, _ := st.Post(saved.ID); p.Body != "saved" || p.Rev != 1 {
		t.Errorf("a working copy changed the post: %q rev %d", p.Body, p.Rev)
	}

	n, err := st.RecoverWorking()
	if err != nil || n != 1 {
		t.Fatalf("RecoverWorking = %d, %v; want 1 orphan", n, err)
	}
	got, err := st.Post(orphan.ID)
	if err != nil {
		t.Fatalf("recovered post: %v", err)
	}
	if got.Title != orphan.Title || got.Status != StatusDraft || got.Rev != 1 {
		t.Errorf("recovered post = %+v", got)
	}
	if revs := mustRevisions(t, st, orphan.ID); revs[0].Kind != RevRecover {
		t.Errorf("recovered revision kind %s", revs[0].Kind)
	}
	if _, ok, _ := st.Working(orphan.ID); ok {
		t.Error("the recovered orphan still has a working copy")
	}
	if _, ok, _ := st.Working(saved.ID); !ok {
		t.Error("RecoverWorking dropped the working copy of a saved post")
	}
	if n, _ := st.RecoverWorking(); n != 0 {
		t.Errorf("second RecoverWorking found %d", n)
	}

	// Saving the post drops its working copy; so does discarding it.
	typing.Body = "now saved"
	mustSave(t, st, typing)
	if _, ok, _ := st.Working(saved.ID); ok {
		t.Error("saving kept the working copy")
	}
	if err := st.SaveWorking(typing); err != nil {
		t.Fatal(err)
	}
	if err := st.DiscardWorking(saved.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Working(saved.ID); ok {
		t.Error("DiscardWorking kept the working copy")
	}
}

func TestDeleteSamples(t *testing.T) {
	st, _ := openTemp(t)
	posts, err := st.Import([]Post{
		{Title: "exemple 1", Sample: true},
		{Title: "vrai post", Status: StatusDraft},
		{Title: "exemple 2", Sample: true},
		{Title: "exemple 3", Sample: true, Status: StatusReady},
	}, RevImport)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveWorking(posts[0]); err != nil {
		t.Fatal(err)
	}
	n, err := st.DeleteSamples()
	if err != nil || n != 3 {
		t.Fatalf("DeleteSamples = %d, %v; want 3", n, err)
	}
	sums, _ := st.Summaries()
	if len(sums) != 1 || sums[0].Title() != "vrai post" {
		t.Errorf("left after deleting samples: %+v", sums)
	}
	for _, p := range []Post{posts[0], posts[2], posts[3]} {
		if _, err := st.Post(p.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("sample %q still readable: %v", p.Title, err)
		}
		if _, err := st.Revisions(p.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("sample %q kept its revisions: %v", p.Title, err)
		}
	}
	if _, ok, _ := st.Working(posts[0].ID); ok {
		t.Error("a sample's working copy survived")
	}
	if n, err := st.DeleteSamples(); n != 0 || err != nil {
		t.Errorf("second DeleteSamples = %d, %v", n, err)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	st, c := openTemp(t)
	mustSave(t, st, Post{Title: "déjà là"})
	_, err := st.Import([]Post{
		{Title: "bon 1", Status: StatusDraft},
		{Title: "bon 2"},
		{Title: "mauvais", Status: "publié"},
	}, RevImport)
	if !errors.Is(err, ErrStatus) {
		t.Fatalf("import with a bad status: %v, want ErrStatus", err)
	}
	if sums, _ := st.Summaries(); len(sums) != 1 {
		t.Fatalf("%d posts after a failed import, want 1", len(sums))
	}

	c.advance(time.Minute)
	base := c.now().Add(-48 * time.Hour)
	same := base.Add(time.Hour)
	imported, err := st.Import([]Post{
		{Title: "B", Created: same},
		{Title: "C", Created: same},
		{Title: "A", Created: base},
		{Title: "sans date"},
	}, RevImport)
	if err != nil {
		t.Fatal(err)
	}
	if imported[3].Status != StatusIdea || !imported[3].Created.Equal(c.now()) {
		t.Errorf("defaults: status %s created %v", imported[3].Status, imported[3].Created)
	}
	sums, _ := st.Summaries()
	var titles []string
	for _, s := range sums {
		titles = append(titles, s.Title())
	}
	// Newest first; the two of the same instant keep their order.
	if got := strings.Join(titles, ","); got != "sans date,déjà là,C,B,A" {
		t.Errorf("order = %s", got)
	}
	if revs := mustRevisions(t, st, imported[0].ID); len(revs) != 1 || revs[0].Kind != RevImport {
		t.Errorf("imported revisions = %+v", revs)
	}
}

func TestBacklogNewestFirstAndFolded(t *testing.T) {
	st, c := openTemp(t)
	titles := []string{"École Paul-Éluard : travaux", "Fête de la musique", "Œuvres à la MÉDIATHÈQUE"}
	for _, title := range titles {
		c.advance(time.Minute)
		mustSave(t, st, Post{Title: title, Category: "event", Body: "Entrée libre, *gratuite*. " + strings.Repeat("é", 200)})
	}
	bl, err := st.Backlog()
	if err != nil {
		t.Fatal(err)
	}
	if len(bl.Posts) != 3 || len(bl.Starts) != 4 || int(bl.Starts[3]) != len(bl.Keys) {
		t.Fatalf("%d summaries, %d starts for %d bytes of keys", len(bl.Posts), len(bl.Starts), len(bl.Keys))
	}
	for i, s := range bl.Posts {
		if want := titles[len(titles)-1-i]; s.Title() != want {
			t.Errorf("summary %d = %q, want %q", i, s.Title(), want)
		}
		if end := bl.Starts[i+1] - 1; bl.Keys[end] != 0 || strings.IndexByte(bl.Key(i), 0) >= 0 {
			t.Errorf("key %d is not ended by a zero byte", i)
		}
	}
	if !strings.Contains(bl.Key(2), "ecole paul-eluard") {
		t.Errorf("key %q does not hold the folded title", bl.Key(2))
	}
	key := bl.Key(0)
	if !strings.Contains(key, "mediatheque") || !strings.Contains(key, "event") || !strings.Contains(key, "entree libre") {
		t.Errorf("key %q lacks the folded title, category or body", key)
	}
	if len(key) > len(titles[2])+len(" event ")+keyBodyPrefix {
		t.Errorf("key is %d bytes: the body should be cut", len(key))
	}
	if !strings.HasSuffix(key, "e") {
		t.Errorf("key %q was cut inside a character", key[len(key)-8:])
	}
	if p, _ := st.Post(bl.Posts[0].ID()); p.SearchKey() != key {
		t.Errorf("the post's own key %q differs from the backlog's %q", p.SearchKey(), key)
	}
	if Fold("ÉCOLE") != "ecole" || Fold("plain ascii") != "plain ascii" {
		t.Errorf("Fold: %q %q", Fold("ÉCOLE"), Fold("plain ascii"))
	}
	if k := (Post{Title: "a\x00b"}).SearchKey(); strings.IndexByte(k, 0) >= 0 {
		t.Errorf("key %q holds a zero byte", k)
	}
}

// TestBacklogReadsFirstSummaries opens a file whose summaries were written
// by an earlier crieur (encoding version 1) beside current ones.
func TestBacklogReadsFirstSummaries(t *testing.T) {
	st, c := openTemp(t)
	c.advance(time.Minute)
	p := mustSave(t, st, Post{Title: "Récent", Category: "alert", Body: "Tempête"})
	old := Post{
		ID: "01KATK5PE0YJ4ZXXC8VA178VR8", Status: StatusPlanned, Category: "event", Title: "Marché de Noël 🎄",
		Sample: true, Problems: 2, Created: time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC),
	}.Summary()
	err := st.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSummaries).Put([]byte(old.ID()), summaryV1(old, "marche de noel 🎄 event du 5 au 24 decembre"))
	})
	if err != nil {
		t.Fatal(err)
	}
	bl, err := st.Backlog()
	if err != nil || len(bl.Posts) != 2 {
		t.Fatalf("backlog: %d posts, %v", len(bl.Posts), err)
	}
	if bl.Posts[0].ID() != p.ID || bl.Key(0) != p.SearchKey() {
		t.Errorf("current summary: %+v, key %q", bl.Posts[0], bl.Key(0))
	}
	got := bl.Posts[1]
	if got != old || bl.Key(1) != "marche de noel 🎄 event du 5 au 24 decembre" {
		t.Errorf("first-version summary:\n got %+v\nwant %+v", got, old)
	}
}

// summaryV1 is a summary as crieur wrote it before encSummaryV2.
func summaryV1(s Summary, key string) []byte {
	b := []byte{encSummaryV1}
	for _, str := range []string{string(s.Status()), s.Category(), s.Title(), key, s.ID()} {
		b = binary.AppendUvarint(b, uint64(len(str)))
		b = append(b, str...)
	}
	for _, t := range []int64{s.created, s.updated, s.slot} {
		b = binary.AppendVarint(b, t)
	}
	flags := uint64(0)
	if s.Sample {
		flags = 1
	}
	b = binary.AppendUvarint(b, flags)
	return binary.AppendUvarint(b, uint64(s.Problems))
}

func TestEachPostNewestFirst(t *testing.T) {
	st, c := openTemp(t)
	for _, title := range []string{"un", "deux", "trois"} {
		c.advance(time.Second)
		mustSave(t, st, Post{Title: title, Body: "corps de " + title})
	}
	var got []string
	err := st.EachPost(func(p Post) error {
		got = append(got, p.Title)
		return nil
	})
	if err != nil || strings.Join(got, ",") != "trois,deux,un" {
		t.Errorf("EachPost = %v, %v", got, err)
	}
	stop := errors.New("stop")
	if err := st.EachPost(func(Post) error { return stop }); err != stop {
		t.Errorf("EachPost did not return the callback's error: %v", err)
	}
}

func TestSummaryCodecRoundTrip(t *testing.T) {
	at := time.Date(2025, 12, 5, 18, 0, 0, 0, time.UTC)
	for _, in := range []Summary{
		Post{
			ID: NewID(at), Status: StatusPlanned, Category: "rubrique libre", Title: "Marché de Noël 🎄",
			Created: at, Updated: at.Add(time.Hour), Slot: at.Add(24 * time.Hour), Sample: true, Problems: 2,
		}.Summary(),
		Post{ID: "x", Status: "unheard-of", Category: "alert"}.Summary(),
	} {
		const wantKey = "marche de noel 🎄 rubrique libre"
		for _, a := range []*arena{nil, {}} {
			out, key, err := decodeSummaryIn(encodeSummary(in, wantKey), a)
			if err != nil {
				t.Fatal(err)
			}
			if out != in || string(key) != wantKey {
				t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
			}
		}
	}
	p := Post{Status: StatusDraft, Created: at.In(time.FixedZone("CET", 3600)), Updated: at.Add(time.Minute)}
	if s := p.Summary(); !s.Created().Equal(p.Created) || !s.Updated().Equal(p.Updated) || !s.Slot().IsZero() {
		t.Errorf("times: %v %v %v", s.Created(), s.Updated(), s.Slot())
	}
	zero, _, err := decodeSummary(encodeSummary(Post{ID: "x"}.Summary(), ""))
	if err != nil || !zero.Created().IsZero() || !zero.Slot().IsZero() || zero.Status() != "" || zero.ID() != "x" {
		t.Errorf("zero summary round trip: %+v, %v", zero, err)
	}
}
