package sender

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/message"
)

var hookSecret = []byte("s3cret-shared-with-the-receiver")

func hookDelivery() Delivery {
	return Delivery{
		SendID:  "01JD3SEND",
		PostID:  "01JD3POST",
		Key:     IdempotencyKey("01JD3POST", "hook", "sealed-hash"),
		Attempt: 1,
		Message: message.Message{
			Text: "Le *marché de Noël* ouvre samedi.\n\nhttps://www.valbourg.fr/marche",
			Link: "https://www.valbourg.fr/marche",
			Card: message.Card{Title: "Marché de Noël", Domain: "valbourg.fr"},
		},
	}
}

// newHook is a webhook with short timeouts and no real waiting.
func newHook(url string, opts ...Option) *Webhook {
	opts = append([]Option{WithTimeout(200 * time.Millisecond), WithBackoff(time.Millisecond)}, opts...)
	return NewWebhook(url, hookSecret, testClient(), opts...)
}

// verify checks a request as the receiver would: the signature over the
// exact body, and the idempotency key.
func verify(t *testing.T, r recorded, key string) {
	t.Helper()
	mac := hmac.New(sha256.New, hookSecret)
	mac.Write(r.Body)
	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	if got := r.Header.Get("X-Crieur-Signature"); !hmac.Equal([]byte(got), []byte(want)) {
		t.Errorf("signature %q, want %q", got, want)
	}
	if got := r.Header.Get("Idempotency-Key"); got != key {
		t.Errorf("Idempotency-Key = %q, want %q", got, key)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
}

func TestWebhookSent(t *testing.T) {
	srv := newRecorder(t, status(200, `{"id":"wamid.42","status":"queued"}`))
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	d := hookDelivery()
	got, err := newHook(srv.URL+"/hooks/catch/secret-path", WithClock(func() time.Time { return at })).Send(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	if got.RemoteID != "wamid.42" || !got.At.Equal(at) {
		t.Errorf("receipt = %+v", got)
	}
	reqs := srv.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	verify(t, reqs[0], d.Key)
	var p map[string]any
	if err := json.Unmarshal(reqs[0].Body, &p); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"text":    d.Message.Text,
		"link":    d.Message.Link,
		"card":    map[string]any{"title": "Marché de Noël", "description": "", "domain": "valbourg.fr", "image": ""},
		"post_id": "01JD3POST",
		"send_id": "01JD3SEND",
	}
	if fmt.Sprint(p) != fmt.Sprint(want) {
		t.Errorf("payload\n got %v\nwant %v", p, want)
	}
}

func TestWebhookNumericRemoteID(t *testing.T) {
	srv := newRecorder(t, status(201, `{"id":12345678901234}`))
	got, err := newHook(srv.URL).Send(context.Background(), hookDelivery())
	if err != nil || got.RemoteID != "12345678901234" {
		t.Errorf("receipt %+v, err %v", got, err)
	}
	srv2 := newRecorder(t, status(204, ``))
	if got, err := newHook(srv2.URL).Send(context.Background(), hookDelivery()); err != nil || got.RemoteID != "" {
		t.Errorf("no content: receipt %+v, err %v", got, err)
	}
}

func TestWebhookImage(t *testing.T) {
	img := filepath.Join(t.TempDir(), "marche.png")
	data := []byte("\x89PNG\r\n\x1a\n not really a picture")
	if err := os.WriteFile(img, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	d := hookDelivery()
	d.Message.Image, d.Message.Alt, d.Message.ImageSum = img, "Les chalets sur la place", hex.EncodeToString(sum[:])
	d.Picture = data

	srv := newRecorder(t, status(200, `{}`))
	if _, err := newHook(srv.URL).Send(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var p WebhookPayload
	if err := json.Unmarshal(srv.requests()[0].Body, &p); err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.StdEncoding.DecodeString(p.Image.Data)
	if p.Image.Name != "marche.png" || p.Image.ContentType != "image/png" || !bytes.Equal(raw, data) ||
		p.Image.SHA256 != d.Message.ImageSum || p.Alt != "Les chalets sur la place" {
		t.Errorf("image = %+v, alt %q", p.Image, p.Alt)
	}

	// A picture replaced since validation does not leave.
	d.Message.ImageSum = strings.Repeat("0", 64)
	_, err := newHook(srv.URL).Send(context.Background(), d)
	wantOutcome(t, err, NotSent, false)
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want the first only", n)
	}
}

// TestWebhookOutcomes runs every kind of answer through a webhook making
// three attempts, and counts the attempts on the server.
func TestWebhookOutcomes(t *testing.T) {
	tests := []struct {
		name       string
		answer     func(int, http.ResponseWriter, *http.Request)
		outcome    Outcome
		retryable  bool
		retryAfter time.Duration
		requests   int
		contains   string
		code       Code
		http       int
	}{
		{"400 refused", status(400, `{"error":"text is required"}`), Failed, false, 0, 1, "HTTP 400 Bad Request: {\"error\":\"text is required\"}", CodeRefused, 400},
		{"422 refused", status(422, ``), Failed, false, 0, 1, "422", CodeRefused, 422},
		{"redirect not followed", status(302, ``, "Location", "https://elsewhere.example/hook"), Failed, false, 0, 1, "elsewhere.example", CodeRedirect, 302},
		{"500 every time", status(500, `oops`), Unknown, false, 0, 3, "HTTP 500", CodeServerError, 500},
		{"hangs past the timeout", hang, Unknown, false, 0, 3, "no answer", CodeTimeout, 0},
		{"closes after reading", hangUp, Unknown, false, 0, 3, "no answer", CodeNoAnswer, 0},
		{"429 longer than the webhook waits", status(429, ``, "Retry-After", "120"), NotSent, true, 120 * time.Second, 1, "429", CodeRateLimited, 429},
		{"408 every time", status(408, ``), NotSent, true, 0, 3, "408", CodeRateLimited, 408},
		{"timeout, then 503", sequence(hang, status(503, ``)), Unknown, false, 0, 3, "503", CodeServerError, 503},
		{"500, then 400", sequence(status(500, ``), status(400, ``)), Unknown, false, 0, 2, "400", CodeRefused, 400},
		{"timeout, then 400", sequence(hang, status(400, ``)), Unknown, false, 0, 2, "400", CodeRefused, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, tt.answer)
			d := hookDelivery()
			_, err := newHook(srv.URL).Send(context.Background(), d)
			se := wantOutcome(t, err, tt.outcome, tt.retryable)
			if se.RetryAfter != tt.retryAfter {
				t.Errorf("RetryAfter = %v, want %v", se.RetryAfter, tt.retryAfter)
			}
			if code, status := CodeOf(err); code != tt.code || status != tt.http {
				t.Errorf("code %s, HTTP %d; want %s, %d", code, status, tt.code, tt.http)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not say %q", err, tt.contains)
			}
			if strings.Contains(err.Error(), srv.URL) {
				t.Errorf("error %q quotes the hook's address", err)
			}
			reqs := srv.requests()
			if len(reqs) != tt.requests {
				t.Fatalf("%d requests on the server, want %d", len(reqs), tt.requests)
			}
			for _, r := range reqs {
				verify(t, r, d.Key)
				if !bytes.Equal(r.Body, reqs[0].Body) {
					t.Error("a retry sent another body")
				}
			}
		})
	}
}

func TestWebhookRetriesUntilTaken(t *testing.T) {
	srv := newRecorder(t, sequence(status(500, ``), hangUp, status(200, `{"id":"x"}`)))
	got, err := newHook(srv.URL).Send(context.Background(), hookDelivery())
	if err != nil || got.RemoteID != "x" {
		t.Fatalf("receipt %+v, err %v", got, err)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}

	// A short Retry-After is waited for within the Send.
	srv = newRecorder(t, sequence(status(429, ``, "Retry-After", "0"), status(200, `{}`)))
	if _, err := newHook(srv.URL).Send(context.Background(), hookDelivery()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestWebhookAttemptsSetting(t *testing.T) {
	srv := newRecorder(t, status(502, ``))
	_, err := newHook(srv.URL, WithAttempts(5)).Send(context.Background(), hookDelivery())
	wantOutcome(t, err, Unknown, false)
	if n := len(srv.requests()); n != 5 {
		t.Errorf("%d requests, want 5", n)
	}
	if !strings.Contains(err.Error(), "attempt 5 of 5") {
		t.Errorf("error %q", err)
	}
}

func TestWebhookRefused(t *testing.T) {
	_, err := newHook(refusedURL(t)).Send(context.Background(), hookDelivery())
	wantOutcome(t, err, NotSent, true)
	if !strings.Contains(err.Error(), "not delivered") {
		t.Errorf("error %q", err)
	}
}

func TestWebhookCancelled(t *testing.T) {
	srv := newRecorder(t, status(500, ``))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newHook(srv.URL).Send(ctx, hookDelivery())
	wantOutcome(t, err, NotSent, true)
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests after cancel", n)
	}
}

func TestWebhookRefusesWithoutWhatItNeeds(t *testing.T) {
	srv := newRecorder(t, status(200, ``))
	d := hookDelivery()
	noKey := d
	noKey.Key = ""
	for name, send := range map[string]func() error{
		"no secret": func() error {
			_, err := NewWebhook(srv.URL, nil, testClient()).Send(context.Background(), d)
			return err
		},
		"no idempotency key": func() error { _, err := newHook(srv.URL).Send(context.Background(), noKey); return err },
		"bad address": func() error {
			_, err := newHook("ftp://example.org/x").Send(context.Background(), d)
			return err
		},
	} {
		t.Run(name, func(t *testing.T) { wantOutcome(t, send(), NotSent, false) })
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}

func TestWebhookHidesItsSecrets(t *testing.T) {
	w := NewWebhook("https://hook.example/catch/123/s3cretpath", hookSecret, nil)
	for _, s := range []string{fmt.Sprint(w), fmt.Sprintf("%+v", w), fmt.Sprintf("%#v", w), fmt.Sprintf("%+v", *w)} {
		if strings.Contains(s, "s3cret") {
			t.Errorf("%q shows a secret", s)
		}
	}
}

// quietTLS is a TLS test server whose certificate this machine does not
// trust, and which keeps its handshake errors to itself.
func quietTLS(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("a request reached the server through a connection that should have been refused")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// A certificate that is not trusted, or a server that does not speak
// TLS, fails at once with what to fix: no request left, trying again
// would fail the same way, so it is not retried, neither within the Send
// nor by a later run.
func TestWebhookSecureConnectionRefused(t *testing.T) {
	plain := newRecorder(t, status(200, `{}`))
	for _, tt := range []struct {
		name, url, says string
		code            Code
	}{
		{"certificate not trusted", quietTLS(t).URL, "not signed by an authority this machine trusts", CodeTLSUntrusted},
		{"no TLS there", strings.Replace(plain.URL, "http://", "https://", 1), "does not speak HTTPS", CodeTLSNone},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newHook(tt.url).Send(context.Background(), hookDelivery())
			wantOutcome(t, err, NotSent, false)
			if code, _ := CodeOf(err); code != tt.code {
				t.Errorf("code %s, want %s", code, tt.code)
			}
			if !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "attempt 1 of 3") || !strings.Contains(err.Error(), "nothing was sent") {
				t.Errorf("error %q", err)
			}
		})
	}
	if n := len(plain.requests()); n != 0 {
		t.Errorf("the plain server got %d requests", n)
	}
}
