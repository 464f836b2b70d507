package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"crieur/store"
)

func TestLinkCardIsFetchedAndKept(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		w.Write([]byte(`<html><head><meta property="og:title" content="Patinoire de Noël"><meta property="og:description" content="Place de la Mairie"></head></html>`))
	}))
	defer srv.Close()
	posts := []store.Post{{Title: "Interne", Body: "Venez patiner.", Link: srv.URL + "/noel", Category: "event", Status: store.StatusReady, Created: testNow}}
	m := newTestModel(t, "en", 120, 40, posts)
	m.http = srv.Client()

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
	if m.http != nil {
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
	m.http = srv.Client()
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
