package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"crieur/store"
)

// site serves a city's feeds as a real server would, with the failures
// feeds have in the wild.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/actualites.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, cityRSS)
	})
	mux.HandleFunc("/mag/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, magazineAtom)
	})
	mux.HandleFunc("/bom.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Write(append([]byte{0xEF, 0xBB, 0xBF}, cityRSS...))
	})
	mux.HandleFunc("/ancien-flux", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/actualites.rss", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/boucle", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/boucle", http.StatusFound)
	})
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Valbourg</title></head><body><h1>Bienvenue</h1></body></html>")
	})
	mux.HandleFunc("/enorme.rss", func(w http.ResponseWriter, r *http.Request) {
		// No length announced: the limit must hold while reading.
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss><channel>")
		item := strings.Repeat("<item><title>x</title></item>", 1000)
		for i := 0; i < 400; i++ {
			if _, err := fmt.Fprint(w, item); err != nil {
				return
			}
		}
		fmt.Fprint(w, "</channel></rss>")
	})
	mux.HandleFunc("/lent.rss", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	return httptest.NewServer(mux)
}

func TestFetchRealWorldShapes(t *testing.T) {
	srv := site(t)
	defer srv.Close()
	f := Fetcher{Timeout: 300 * time.Millisecond, MaxBytes: 1 << 20}
	ctx := context.Background()

	for _, tt := range []struct {
		path    string
		entries int
		err     error
		says    string
	}{
		{"/actualites.rss", 3, nil, ""},
		{"/mag/atom.xml", 2, nil, ""},
		{"/bom.rss", 3, nil, ""},
		{"/ancien-flux", 3, nil, ""},
		{"/introuvable.rss", 0, ErrStatus, "404"},
		{"/page.html", 0, ErrHTML, "web page"},
		{"/enorme.rss", 0, ErrTooLarge, "too large"},
		{"/lent.rss", 0, context.DeadlineExceeded, "no answer within 300ms"},
		{"/boucle", 0, ErrRedirects, "redirects"},
	} {
		start := time.Now()
		feed, err := f.Fetch(ctx, Source{Name: "Site", URL: srv.URL + tt.path})
		if tt.err == nil {
			if err != nil || len(feed.Entries) != tt.entries {
				t.Errorf("%s: %v, %d entries, want %d", tt.path, err, len(feed.Entries), tt.entries)
			}
			continue
		}
		if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: %v, want %v saying %q", tt.path, err, tt.err, tt.says)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %s, past the fetcher's bounds", tt.path, took)
		}
	}
	if _, err := f.Fetch(ctx, Source{URL: "file:///etc/passwd"}); !errors.Is(err, ErrAddress) {
		t.Errorf("file address: %v", err)
	}
}

// TestFetchFollowsRelativeLinksAfterARedirect resolves an entry's
// relative link against where the feed was found, not where it was asked.
func TestFetchFollowsRelativeLinksAfterARedirect(t *testing.T) {
	srv := site(t)
	defer srv.Close()
	feed, err := Fetcher{}.Fetch(context.Background(), Source{URL: srv.URL + "/ancien-flux"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := feed.Entries[1].Link, srv.URL+"/agenda/marche-noel"; got != want {
		t.Errorf("link %q, want %q", got, want)
	}
}

func openStore(t *testing.T, path string, now func() time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestReadAllAddsIdeasOnce reads two feeds that share a page, twice, and
// a third that fails: each page becomes one idea, whichever feed brought
// it and however often it is read, a page already on a post is skipped
// whatever its tracking parameters, and the failed feed is recorded and
// named without stopping the others.
func TestReadAllAddsIdeasOnce(t *testing.T) {
	var hits atomic.Int32
	shared := `<rss><channel><item><title>Piscine (reprise)</title><link>HTTPS://WWW.Valbourg.fr/piscine?utm_campaign=noel#top</link></item>` +
		`<item><title>Nouveau</title><link>https://www.valbourg.fr/nouveau</link></item></channel></rss>`
	srv := site(t)
	defer srv.Close()
	relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, shared)
	}))
	defer relay.Close()

	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openStore(t, path, clock)

	// A post written by hand already links to the market's page.
	if _, err := st.SavePost(store.Post{Title: "Marché", Link: "https://www.valbourg.fr/agenda/marche-noel/", Status: store.StatusDraft}); err != nil {
		t.Fatal(err)
	}
	// The city's feed links to its own pages: serve it under the city's
	// host by rewriting its absolute links to the test server.
	sources := []Source{
		{Name: "Site de la ville", URL: srv.URL + "/actualites.rss"},
		{Name: "Relais", URL: relay.URL},
		{Name: "Magazine", URL: srv.URL + "/introuvable.rss"},
	}
	f := Fetcher{Timeout: 2 * time.Second}
	results, err := f.ReadAll(context.Background(), st, sources, clock)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 {
		t.Fatalf("%d results", len(results))
	}
	// The city's feed: the piscine and the works; its market links to a
	// page on the test server, not the hand-written post's.
	if n := len(results[0].Added); n != 3 {
		t.Errorf("city feed added %d ideas, want 3", n)
	}
	// The relay repeats the piscine (another case, a tracking parameter, a
	// fragment): only its new page comes in.
	if n := len(results[1].Added); n != 1 || results[1].Added[0].Title != "Nouveau" {
		t.Errorf("relay added %+v, want only Nouveau", results[1].Added)
	}
	if results[1].Read.Skipped != 1 {
		t.Errorf("relay skipped %d, want 1", results[1].Read.Skipped)
	}
	if results[2].Err == nil || !errors.Is(results[2].Err, ErrStatus) {
		t.Errorf("the missing feed: %v", results[2].Err)
	}
	for _, p := range results[0].Added {
		if p.Status != store.StatusIdea || p.Source != "Site de la ville" {
			t.Errorf("idea %q: status %s, source %q", p.Title, p.Status, p.Source)
		}
	}

	// A second fetch adds nothing: across fetches, by link or by item id.
	now = now.Add(3 * time.Hour)
	again, err := f.ReadAll(context.Background(), st, sources, clock)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again[:2] {
		if len(r.Added) != 0 {
			t.Errorf("%s added %d ideas the second time", r.Source.Name, len(r.Added))
		}
	}
	reads, err := st.FeedReads()
	if err != nil {
		t.Fatal(err)
	}
	if r := reads["Site de la ville"]; r.Total != 3 || r.Added != 0 || r.Skipped != 3 || !r.At.Equal(now) {
		t.Errorf("city feed record %+v", r)
	}
	if r := reads["Magazine"]; r.Err == "" || r.Failed != 2 || !r.OK.IsZero() {
		t.Errorf("failed feed record %+v", r)
	}
	if hits.Load() != 2 {
		t.Errorf("relay read %d times", hits.Load())
	}
	st.Close()

	// The index survives a reopening of the file, and a page already on a
	// hand-written post (as typed, with a trailing slash) is never added.
	st = openStore(t, path, clock)
	defer st.Close()
	city := `<rss><channel><item><title>Marché</title><link>https://www.valbourg.fr/agenda/marche-noel?xtor=RSS-1</link></item></channel></rss>`
	town := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, city) }))
	defer town.Close()
	res, err := f.ReadAll(context.Background(), st, []Source{{Name: "Ville", URL: town.URL}}, clock)
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0].Added) != 0 || res[0].Read.Skipped != 1 {
		t.Errorf("a page already on a post: added %d, skipped %d", len(res[0].Added), res[0].Read.Skipped)
	}
	sums, err := st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 5 {
		t.Errorf("%d posts, want 5 (1 by hand, 4 from feeds)", len(sums))
	}
}
