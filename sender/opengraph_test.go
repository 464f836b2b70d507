package sender

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"crieur/message"
	"crieur/settings"
	"crieur/store"
)

func TestFetchCard(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/og", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>Plain</title>
<meta property="og:title" content="Marché de Noël &amp; patinoire">
<meta property="og:description" content="Du 5 au 24 décembre,
  place de la Mairie.">
<meta property="og:image" content="/img/noel.jpg">
</head><body><meta property="og:title" content="ignored"></body></html>`))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><head><title> Piscine \x1b[31m fermée </title><meta name=\"description\" content=\"Vidange annuelle\"></head></html>"))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF"))
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	ctx := context.Background()

	c, err := FetchCard(ctx, srv.Client(), srv.URL+"/og", now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Marché de Noël & patinoire" || c.Description != "Du 5 au 24 décembre, place de la Mairie." ||
		c.Image != srv.URL+"/img/noel.jpg" || c.Status != 200 || !c.Fetched.Equal(now) {
		t.Errorf("og card: %+v", c)
	}

	c, err = FetchCard(ctx, srv.Client(), srv.URL+"/plain", now)
	if err != nil || c.Title != "Piscine [31m fermée" || c.Description != "Vidange annuelle" {
		t.Errorf("plain card: %+v %v", c, err)
	}

	c, err = FetchCard(ctx, srv.Client(), srv.URL+"/gone", now)
	if err != nil || c.Status != 404 {
		t.Errorf("404: %+v %v", c, err)
	}
	if _, err := FetchCard(ctx, srv.Client(), srv.URL+"/pdf", now); err == nil {
		t.Error("a PDF is not a page")
	}

	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := FetchCard(short, srv.Client(), srv.URL+"/hang", now); err == nil {
		t.Error("a server that hangs must give an error")
	}
	if _, err := FetchCard(ctx, srv.Client(), "mailto:mairie@valbourg.fr", now); err == nil {
		t.Error("not a web address")
	}
}

func TestCardFeedsTheMessageAndTheChecks(t *testing.T) {
	p := store.Post{Title: "Interne", Body: "Texte", Link: "https://www.valbourg.fr/noel", Category: "event"}
	s := settings.Default()
	// Offline the card shows the link's domain; the internal title is
	// never part of what is sent.
	if c := Build(p, s).Card; c.Title != "" || c.Domain != "valbourg.fr" {
		t.Errorf("offline card %+v", c)
	}
	p.Card = &store.Card{URL: p.Link, Title: "Marché de Noël", Description: "Place de la Mairie", Status: 200}
	m := Build(p, s)
	if m.Card.Title != "Marché de Noël" || m.Card.Description != "Place de la Mairie" {
		t.Errorf("fetched card not used: %+v", m.Card)
	}
	p.Link = "https://www.valbourg.fr/autre"
	if got := Build(p, s).Card.Title; got != "" {
		t.Errorf("a card fetched for another link is used: %q", got)
	}
	p.Card = &store.Card{URL: p.Link, Status: 404}
	found := false
	for _, pr := range Check(p, s, nil, time.Now()) {
		found = found || (pr.Code == message.CheckLinkBroken && strings.Contains(pr.Detail, "404"))
	}
	if !found {
		t.Error("a link answering 404 must be reported")
	}
}
