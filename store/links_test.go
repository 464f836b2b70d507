package store

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestLinkKey(t *testing.T) {
	same := [][]string{
		{"https://www.valbourg.fr/piscine", "http://WWW.Valbourg.FR/piscine/", "https://www.valbourg.fr:443/piscine#horaires",
			"https://www.valbourg.fr/piscine?utm_source=whatsapp&utm_medium=social&utm_campaign=2026-W50",
			"https://www.valbourg.fr/piscine?xtor=RSS-12&fbclid=abc", " https://www.valbourg.fr./piscine "},
		{"https://mag.valbourg.fr/article?id=4&page=2", "https://mag.valbourg.fr/article?page=2&id=4&gclid=x"},
	}
	for _, group := range same {
		for _, l := range group[1:] {
			if LinkKey(l) != LinkKey(group[0]) {
				t.Errorf("LinkKey(%q) = %q, LinkKey(%q) = %q: want the same", l, LinkKey(l), group[0], LinkKey(group[0]))
			}
		}
	}
	different := [][2]string{
		{"https://www.valbourg.fr/piscine", "https://www.valbourg.fr/piscines"},
		{"https://mag.valbourg.fr/article?id=4", "https://mag.valbourg.fr/article?id=5"},
		{"https://www.valbourg.fr/piscine", "https://valbourg.fr/piscine"},
		{"https://www.valbourg.fr:8443/a", "https://www.valbourg.fr/a"},
	}
	for _, d := range different {
		if LinkKey(d[0]) == LinkKey(d[1]) {
			t.Errorf("%q and %q share the key %q", d[0], d[1], LinkKey(d[0]))
		}
	}
	for _, none := range []string{"", "valbourg.fr/piscine", "mailto:mairie@valbourg.fr", "javascript:alert(1)", "/piscine", "ftp://x/y"} {
		if k := LinkKey(none); k != "" {
			t.Errorf("LinkKey(%q) = %q, want none", none, k)
		}
	}
}

// TestLinkIndexOfAnOlderFile opens a file written before the link index
// existed: the index is built from its posts, once, and finds them.
func TestLinkIndexOfAnOlderFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	st, err := Open(path, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(Post{Title: "Piscine", Link: "https://www.valbourg.fr/piscine/", Status: StatusDraft})
	if err != nil {
		t.Fatal(err)
	}
	// As an older crieur left it: no index, no version.
	err = st.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketLinks); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyLinkIndex)
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = Open(path, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	added, err := st.AddIdeas(FeedRead{Name: "Site", At: now}, []Post{
		{Title: "Piscine", Link: "https://www.valbourg.fr/piscine?utm_source=rss"},
		{Title: "Sans lien", SourceID: "guid-1"},
		{Title: "Sans lien, encore", SourceID: "guid-1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].Title != "Sans lien" {
		t.Fatalf("added %+v, want only the first entry without a link", added)
	}
	// A post whose link changed no longer holds its old one.
	p.Link = "https://www.valbourg.fr/piscine-municipale"
	if _, err := st.SavePost(p); err != nil {
		t.Fatal(err)
	}
	again, err := st.AddIdeas(FeedRead{Name: "Site", At: now}, []Post{{Title: "Piscine", Link: "https://www.valbourg.fr/piscine"}})
	if err != nil || len(again) != 1 {
		t.Fatalf("a link no post holds any more: %v, %d added", err, len(again))
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
}
