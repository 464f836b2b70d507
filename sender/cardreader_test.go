package sender

import (
	"context"
	"crypto/x509"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"crieur/picture/picturetest"
)

func TestDialableRefusesTheMachineAndItsNetwork(t *testing.T) {
	cases := []struct {
		address  string
		loopback bool // allowed with AllowLoopback
		ok       bool
	}{
		{"127.0.0.1:443", true, false},
		{"127.8.9.10:443", true, false},
		{"[::1]:443", true, false},
		{"[::ffff:127.0.0.1]:443", true, false},
		{"10.0.0.1:443", false, false},
		{"172.16.5.4:443", false, false},
		{"192.168.1.1:443", false, false},
		{"[fc00::1]:443", false, false},
		{"169.254.169.254:443", false, false}, // a cloud's metadata service
		{"[fe80::1%eth0]:443", false, false},
		{"0.0.0.0:443", false, false},
		{"[::]:443", false, false},
		{"100.64.0.1:443", false, false},
		{"224.0.0.1:443", false, false},
		{"255.255.255.255:443", false, false},
		{"[64:ff9b::7f00:1]:443", false, false},
		{"[2002:7f00:1::1]:443", false, false},
		{"not-an-ip:443", false, false},
		{"93.184.215.14:443", false, true},
		{"[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443", false, true},
	}
	for _, c := range cases {
		err := dialable(c.address, false)
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrCardAddress)) {
			t.Errorf("dialable(%s) = %v, want ok %v", c.address, err, c.ok)
		}
		if err := dialable(c.address, true); (err == nil) != (c.ok || c.loopback) {
			t.Errorf("dialable(%s) with loopback allowed = %v", c.address, err)
		}
	}
}

// page is a test server's handler for one page with a card.
const cardPage = `<html><head><meta property="og:title" content="Marché de Noël"></head></html>`

func readerFor(srv *httptest.Server, loopback bool) *CardReader {
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return NewCardReader(CardOptions{AllowLoopback: loopback, RootCAs: pool})
}

func TestCardReaderReadsOnlyWhatItMay(t *testing.T) {
	var internal atomic.Int32
	inside := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internal.Add(1)
		w.Write([]byte(`<html><head><title>Admin — internal</title></head></html>`))
	}))
	defer inside.Close()
	insideURL, _ := url.Parse(inside.URL)
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(cardPage))
		case "/to-localhost": // the same machine under another name
			http.Redirect(w, r, "https://localhost:"+insideURL.Port()+"/", http.StatusFound)
		case "/to-http":
			http.Redirect(w, r, "http://127.0.0.1:"+insideURL.Port()+"/", http.StatusFound)
		case "/to-metadata":
			http.Redirect(w, r, "https://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-itself":
			http.Redirect(w, r, srv.URL+"/page", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	}))
	defer srv.Close()
	allowed := []string{"127.0.0.1", "169.254.169.254", "valbourg.fr"}
	cases := []struct {
		name, link string
		loopback   bool
		allowed    []string
		want       error // nil: the card is read
	}{
		{"an https page within the allowed domains", srv.URL + "/page", true, allowed, nil},
		{"a redirect within them", srv.URL + "/to-itself", true, allowed, nil},
		{"plain http", "http://www.valbourg.fr/page", true, allowed, ErrCardRefused},
		{"outside the allowed domains", "https://www.example.org/", true, allowed, ErrCardRefused},
		{"no domain allowed", srv.URL + "/page", true, nil, ErrCardRefused},
		{"a redirect to another name of the machine", srv.URL + "/to-localhost", true, allowed, ErrCardRefused},
		{"a redirect to http", srv.URL + "/to-http", true, allowed, ErrCardRefused},
		{"a redirect to a link-local address", srv.URL + "/to-metadata", true, allowed, ErrCardAddress},
		{"endless redirects", srv.URL + "/loop", true, allowed, errors.New("redirects")},
		{"the machine itself, as the desk dials", srv.URL + "/page", false, allowed, ErrCardAddress},
		{"a name that resolves to the machine", "https://localhost:" + insideURL.Port() + "/", false, []string{"localhost"}, ErrCardAddress},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			card, err := readerFor(srv, c.loopback).Read(context.Background(), "p1", c.link, c.allowed, false, time.Now())
			switch {
			case c.want == nil && (err != nil || card.Title != "Marché de Noël"):
				t.Errorf("%s: %+v, %v", c.link, card, err)
			case c.want != nil && !errors.Is(err, c.want) && !strings.Contains(errString(err), c.want.Error()):
				t.Errorf("%s: %v, want %v", c.link, err, c.want)
			case c.want != nil && (card.Title != "" || card.Description != ""):
				t.Errorf("%s: a card was read: %+v", c.link, card)
			}
		})
	}
	if n := internal.Load(); n != 0 {
		t.Errorf("the internal page was reached %d times", n)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestCardReaderReadsOneCardPerPostAtATime(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		<-release
		w.Write([]byte(cardPage))
	}))
	defer srv.Close()
	r := readerFor(srv, true)
	allowed := []string{"127.0.0.1"}
	done := make(chan error)
	go func() {
		_, err := r.Read(context.Background(), "p1", srv.URL+"/page", allowed, false, time.Now())
		done <- err
	}()
	for hits.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	for range 5 {
		if _, err := r.Read(context.Background(), "p1", srv.URL+"/page", allowed, false, time.Now()); !errors.Is(err, ErrCardBusy) {
			t.Errorf("a second read of the same post's card: %v", err)
		}
	}
	other := make(chan error)
	go func() {
		_, err := r.Read(context.Background(), "p2", srv.URL+"/page", allowed, false, time.Now())
		other <- err
	}()
	close(release)
	if err := <-done; err != nil {
		t.Error(err)
	}
	if err := <-other; err != nil {
		t.Errorf("another post's card: %v", err)
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("the page was asked %d times, want one for each post", n)
	}
	if _, err := r.Read(context.Background(), "p1", srv.URL+"/page", allowed, false, time.Now()); err != nil {
		t.Errorf("the post's card once the first read is over: %v", err)
	}
}

// A page whose image is a PNG of 7000×7000 in a few hundred bytes: its
// size is read from the header and nothing is decoded, however many times
// the card is read again.
func TestCardThumbnailIsSizedBeforeItIsDecoded(t *testing.T) {
	huge := picturetest.PNGHeader(7000, 7000)
	small := picturetest.JPEG(t, 1200, 630)
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/huge":
			w.Write([]byte(`<html><head><meta property="og:title" content="Grand"><meta property="og:image" content="` + srv.URL + `/huge.png"></head></html>`))
		case "/small":
			w.Write([]byte(`<html><head><meta property="og:title" content="Petit"><meta property="og:image" content="` + srv.URL + `/small.jpg"></head></html>`))
		case "/huge.png":
			w.Write(huge)
		case "/small.jpg":
			w.Write(small)
		}
	}))
	defer srv.Close()
	r := readerFor(srv, true)
	allowed := []string{"127.0.0.1"}
	card, err := r.Read(context.Background(), "p1", srv.URL+"/small", allowed, true, time.Now())
	if err != nil || card.Thumb == nil {
		t.Fatalf("a 1200×630 image: %v, thumbnail %d bytes", err, len(card.Thumb))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 6 { // f pressed six times
		card, err := r.Read(context.Background(), "p1", srv.URL+"/huge", allowed, true, time.Now())
		if err != nil || card.Title != "Grand" || card.Thumb != nil {
			t.Fatalf("a 7000×7000 image: %v, thumbnail %d bytes", err, len(card.Thumb))
		}
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Errorf("six reads of a card whose image is 7000×7000 allocated %d MB", grew>>20)
	}
}
