package ui

import (
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"crieur/sender"
	"crieur/store"
)

func TestLinkCardIsFetchedAndKept(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		w.Write([]byte(`<html><head><meta property="og:title" content="Patinoire de Noël"><meta property="og:description" content="Place de la Mairie"></head></html>`))
	}))
	defer srv.Close()
	posts := []store.Post{{Title: "Interne", Body: "Venez patiner.", Link: srv.URL + "/noel", Category: "event", Status: store.StatusReady, Created: testNow}}
	m := newTestModel(t, "en", 120, 40, posts)
	m.cards = testCards(srv)
	m.settings.Channel.AllowedDomains = []string{"127.0.0.1"}

	m = press(t, m, "p")
	if s := screenText(m); !strings.Contains(s, "Patinoire de Noël") {
		t.Fatalf("the fetched card should show in the preview:\n%s", s)
	}
	p := mustPost(t, m, "Interne")
	if c := p.CardFor(); c == nil || c.Title != "Patinoire de Noël" || c.Status != 200 {
		t.Fatalf("card not kept: %+v", p.Card)
	}

	// The page now answers an error: refreshing reports it, and the check fails.
	status = http.StatusNotFound
	m = press(t, m, "f")
	if !strings.Contains(m.message, "404") {
		t.Errorf("refresh of a broken link: %q", m.message)
	}
	if s := screenText(m); !strings.Contains(s, "the link answers an error") {
		t.Errorf("the broken link should fail the checks:\n%s", s)
	}
}

func TestOfflineDeskFetchesNothing(t *testing.T) {
	m := newTestModel(t, "en", 120, 40, fixture())
	if m.cards != nil {
		t.Fatal("tests run offline")
	}
	if cmd := m.fetchCardCmd(mustPost(t, m, "Piscine fermée pour vidange"), true); cmd != nil {
		t.Error("an offline desk must not try the network")
	}
}

func TestAChangedCardSendsAValidatedPostBackToReady(t *testing.T) {
	title := "Patinoire"
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><meta property="og:title" content="` + title + `"></head></html>`))
	}))
	defer srv.Close()
	posts := []store.Post{{Title: "Interne", Body: "Venez patiner.", Link: srv.URL + "/noel", Category: "event", Status: store.StatusReady, Created: testNow}}
	m := newTestModel(t, "en", 120, 40, posts)
	m.cards = testCards(srv)
	m.settings.Channel.AllowedDomains = []string{"127.0.0.1"}
	m = press(t, m, "p", "v", "y")
	if p := mustPost(t, m, "Interne"); p.Status != store.StatusValidated {
		t.Fatalf("not validated: %s (%q)", p.Status, m.message)
	}
	title = "Patinoire fermée"
	m = press(t, m, "f")
	if p := mustPost(t, m, "Interne"); p.Status != store.StatusReady {
		t.Fatalf("a new card must send the post back to ready: %s", p.Status)
	}
	if !strings.Contains(m.message, "back to ready") {
		t.Errorf("the desk should say so: %q", m.message)
	}
}

// testCards reads cards from srv, a test server on this machine, whose
// certificate it trusts.
func testCards(srv *httptest.Server) *sender.CardReader {
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return sender.NewCardReader(sender.CardOptions{AllowLoopback: true, RootCAs: pool})
}

// A link the desk must not read from says so when a person asks, in their
// language; in the background, nothing is tried.
func TestACardOutsideTheRulesIsNotRead(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer tls.Close()
	cases := []struct {
		name, link string
		want       string
	}{
		{"plain http", srv.URL + "/page", "seuls les liens https des domaines autorisés"},
		{"outside the allowed domains", "https://www.example.org/page", "seuls les liens https des domaines autorisés"},
		{"an internal address", tls.URL + "/page", "mène à une adresse interne"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			posts := []store.Post{{Title: "Interne", Body: "Texte.", Link: c.link, Category: "event", Status: store.StatusReady, Created: testNow}}
			m := newTestModel(t, "fr", 120, 40, posts)
			pool := x509.NewCertPool()
			pool.AddCert(tls.Certificate())
			m.cards = sender.NewCardReader(sender.CardOptions{RootCAs: pool}) // the desk's: no loopback
			m.settings.Channel.AllowedDomains = []string{"127.0.0.1", "valbourg.fr"}
			p := mustPost(t, m, "Interne")
			if cmd := m.fetchCardCmd(p, false); cmd != nil && c.name != "an internal address" {
				t.Error("a card outside the rules is read in the background")
			}
			m = press(t, m, "p", "f")
			if !strings.Contains(m.message, c.want) {
				t.Errorf("f on %s: %q, want %q", c.link, m.message, c.want)
			}
			if p := mustPost(t, m, "Interne"); p.Card != nil {
				t.Errorf("a card was kept: %+v", p.Card)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the servers were reached %d times", n)
	}
}
