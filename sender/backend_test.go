package sender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"crieur/message"
	"crieur/settings"
	"crieur/store"
)

// Fake destinations shared by the back-end tests.

// recorder is an httptest server that keeps every request it received
// (method, path, headers, body) and answers with the handler of the
// attempt's number.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

type recorded struct {
	Path   string
	Header http.Header
	Body   []byte
}

func newRecorder(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
		n := len(rec.reqs)
		rec.mu.Unlock()
		answer(n, w, r)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.reqs)
}

// Answers.

func status(code int, body string, header ...string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// hang reads the request and never answers, until the client gives up.
func hang(_ int, _ http.ResponseWriter, r *http.Request) {
	<-r.Context().Done()
}

// hangUp reads the request and closes the connection without a word.
func hangUp(_ int, w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// sequence answers the n-th request with the n-th answer, then the last.
func sequence(answers ...func(int, http.ResponseWriter, *http.Request)) func(int, http.ResponseWriter, *http.Request) {
	return func(n int, w http.ResponseWriter, r *http.Request) {
		answers[min(n, len(answers))-1](n, w, r)
	}
}

// refusedURL is the address of a listener that was closed: connecting to
// it is refused, and nothing is written.
func refusedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// testClient has no timeout of its own: the back-ends' per-attempt
// timeout is under test.
func testClient() *http.Client { return &http.Client{Transport: &http.Transport{}} }

// wantOutcome checks what an error says of the message.
func wantOutcome(t *testing.T, err error, outcome Outcome, retryable bool) *SendError {
	t.Helper()
	var se *SendError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T) is not a *SendError", err, err)
	}
	if got := OutcomeOf(err); got != outcome {
		t.Errorf("outcome = %v, want %v (%v)", got, outcome, err)
	}
	if got := RetryableOf(err); got != retryable {
		t.Errorf("retryable = %v, want %v (%v)", got, retryable, err)
	}
	return se
}

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		err  error
		want Outcome
	}{
		{nil, Sent},
		{errors.New("something else"), Unknown},
		{&SendError{Err: errors.New("forgot to say")}, Unknown},
		{&SendError{Outcome: NotSent}, NotSent},
		{fmt.Errorf("send log: %w", &SendError{Outcome: Failed, Err: io.EOF}), Failed},
	}
	for _, tt := range tests {
		if got := OutcomeOf(tt.err); got != tt.want {
			t.Errorf("OutcomeOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	se := &SendError{Outcome: NotSent, Retryable: true, RetryAfter: 30 * time.Second, Err: io.EOF}
	if !errors.Is(se, io.EOF) {
		t.Error("SendError does not unwrap")
	}
	if got := se.Error(); got != "EOF (not sent); retry in 30s" {
		t.Errorf("Error() = %q", got)
	}
}

// A transport other than the standard one does not report the write: only
// a failure to connect proves nothing left.
type failingTransport struct{ err error }

func (f failingTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, f.err }

func TestNotWrittenOnlyWhenProven(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	tests := []struct {
		name      string
		transport http.RoundTripper
		written   bool
	}{
		{"other transport, unknown error", failingTransport{io.ErrUnexpectedEOF}, true},
		{"other transport, dial error", failingTransport{dial}, false},
		{"other transport, DNS error", failingTransport{&net.DNSError{Err: "no such host", Name: "x.invalid"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/", strings.NewReader("x"))
			a := roundTrip(context.Background(), &http.Client{Transport: tt.transport}, req, time.Second)
			if a.written != tt.written {
				t.Errorf("written = %v, want %v", a.written, tt.written)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"17", 17 * time.Second},
		{"-3", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.value != "" {
			h.Set("Retry-After", tt.value)
		}
		if got := retryAfter(h, now); got != tt.want {
			t.Errorf("Retry-After %q = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestLimitsFor(t *testing.T) {
	tg := NewTelegram("1:x", "@valbourg", "", nil)
	wh := NewWebhook("https://hooks.example/x", []byte("k"), nil)
	man := NewManual(t.TempDir(), nil)
	text := message.Message{Text: "x"}
	photo := message.Message{Text: "x", Image: "/tmp/marche.jpg"}
	if got := LimitsFor(text, tg, wh, man); got["telegram"] != 4096 || got["webhook"] != 0 || got["manual"] != 0 {
		t.Errorf("text limits = %v", got)
	}
	if got := LimitsFor(photo, tg, wh); got["telegram"] != 1024 {
		t.Errorf("photo limits = %v", got)
	}

	// As the desk uses them: a 1,100-character post with an image is too
	// long for a Telegram caption.
	p := store.Post{Body: strings.Repeat("é", 1100), Link: "https://www.valbourg.fr/", Category: "event", Image: "/tmp/marche.jpg", Alt: "Le marché"}
	s := settings.Default()
	problems := Check(p, s, LimitsFor(Build(p, s), tg, wh), time.Now())
	i := slices.IndexFunc(problems, func(pr message.Problem) bool { return pr.Code == message.CheckTooLong })
	if i < 0 || !strings.HasPrefix(problems[i].Detail, "telegram ") || !strings.HasSuffix(problems[i].Detail, "/1024") {
		t.Errorf("want too-long for the caption: %+v", problems)
	}
}
