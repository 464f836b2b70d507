package sender

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/message"
)

const botToken = "7712345678:AAH-fake_token-for-tests-only"

func newBot(base string, opts ...Option) *Telegram {
	opts = append([]Option{WithTimeout(200 * time.Millisecond)}, opts...)
	return NewTelegram(botToken, "@valbourg", base, testClient(), opts...)
}

func tgDelivery() Delivery {
	return Delivery{
		SendID: "01JD3SEND",
		PostID: "01JD3POST",
		Message: message.Message{
			Text: "*Alerte* orange : <vent> & pluie\n\nhttps://www.valbourg.fr/alerte",
			Link: "https://www.valbourg.fr/alerte",
		},
	}
}

// noToken fails the test if the token shows in any error of err's chain,
// or in err printed with any verb.
func noToken(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	texts := []string{fmt.Sprint(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprintf("%q", err)}
	var walk func(error)
	walk = func(e error) {
		for e != nil {
			texts = append(texts, e.Error(), fmt.Sprintf("%#v", e))
			if j, ok := e.(interface{ Unwrap() []error }); ok {
				for _, x := range j.Unwrap() {
					walk(x)
				}
				return
			}
			e = errors.Unwrap(e)
		}
	}
	walk(err)
	for _, s := range texts {
		if strings.Contains(s, botToken) || strings.Contains(s, "AAH-fake") {
			t.Errorf("the token shows in %q", s)
		}
	}
}

func TestTelegramSendMessage(t *testing.T) {
	srv := newRecorder(t, status(200, `{"ok":true,"result":{"message_id":4242,"chat":{"id":-1001}}}`))
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	got, err := newBot(srv.URL, WithClock(func() time.Time { return at })).Send(context.Background(), tgDelivery())
	if err != nil {
		t.Fatal(err)
	}
	if got.RemoteID != "4242" || !got.At.Equal(at) {
		t.Errorf("receipt = %+v", got)
	}
	r := srv.requests()[0]
	if r.Path != "/bot"+botToken+"/sendMessage" {
		t.Errorf("path = %q", r.Path)
	}
	var body map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"chat_id":    "@valbourg",
		"text":       "<b>Alerte</b> orange : &lt;vent&gt; &amp; pluie\n\nhttps://www.valbourg.fr/alerte",
		"parse_mode": "HTML",
		"link_preview_options": map[string]any{
			"url": "https://www.valbourg.fr/alerte", "prefer_large_media": false,
		},
	}
	if fmt.Sprint(body) != fmt.Sprint(want) {
		t.Errorf("body\n got %v\nwant %v", body, want)
	}
}

func TestTelegramSendPhoto(t *testing.T) {
	img := filepath.Join(t.TempDir(), "alerte.jpg")
	data := []byte("\xff\xd8\xff\xe0 a small picture")
	if err := os.WriteFile(img, data, 0o600); err != nil {
		t.Fatal(err)
	}
	d := tgDelivery()
	sum := sha256.Sum256(data)
	d.Message.Image, d.Message.Alt, d.Message.ImageSum = img, "Carte de vigilance", hex.EncodeToString(sum[:])
	d.Picture = data

	srv := newRecorder(t, status(200, `{"ok":true,"result":{"message_id":7}}`))
	got, err := newBot(srv.URL).Send(context.Background(), d)
	if err != nil || got.RemoteID != "7" {
		t.Fatalf("receipt %+v, err %v", got, err)
	}
	r := srv.requests()[0]
	if r.Path != "/bot"+botToken+"/sendPhoto" {
		t.Errorf("path = %q", r.Path)
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("Content-Type %q", r.Header.Get("Content-Type"))
	}
	form, err := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"]).ReadForm(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		"chat_id":    "@valbourg",
		"parse_mode": "HTML",
		"caption":    TelegramHTML(d.Message.Text),
	} {
		if got := form.Value[field]; len(got) != 1 || got[0] != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	files := form.File["photo"]
	if len(files) != 1 || files[0].Filename != "alerte.jpg" {
		t.Fatalf("photo = %+v", files)
	}
	f, _ := files[0].Open()
	got2, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got2, data) {
		t.Error("the photo's bytes differ")
	}
}

func TestTelegramOutcomes(t *testing.T) {
	tests := []struct {
		name       string
		answer     func(int, http.ResponseWriter, *http.Request)
		outcome    Outcome
		retryable  bool
		retryAfter time.Duration
		contains   string
		code       Code
	}{
		{"400 chat not found", status(400, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`),
			Failed, false, 0, "HTTP 400 Bad Request: Bad Request: chat not found", CodeNoChannel},
		{"401 bad token", status(401, `{"ok":false,"error_code":401,"description":"Unauthorized"}`),
			NotSent, false, 0, "check the bot token", CodeBadToken},
		{"403 not an admin", status(403, `{"ok":false,"error_code":403,"description":"Forbidden: bot is not a member of the channel chat"}`),
			Failed, false, 0, "not a member", CodeForbidden},
		{"404 malformed token", status(404, `{"ok":false,"error_code":404,"description":"Not Found"}`),
			NotSent, false, 0, "404", CodeBadToken},
		{"429 retry_after", status(429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}`, "Retry-After", "17"),
			NotSent, true, 17 * time.Second, "retry after 17", CodeRateLimited},
		{"429 header only", status(429, `busy`, "Retry-After", "5"),
			NotSent, true, 5 * time.Second, "429", CodeRateLimited},
		{"500", status(500, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`),
			Unknown, false, 0, "500", CodeServerError},
		{"502 from a proxy", status(502, `<html>bad gateway</html>`),
			Unknown, false, 0, "502", CodeServerError},
		{"200 that is not the Bot API", status(200, `<html>portal</html>`),
			Unknown, false, 0, "without a message id", CodeNoMessageID},
		{"redirect", status(301, ``, "Location", "https://elsewhere.example/"),
			Failed, false, 0, "301", CodeRedirect},
		{"hangs past the timeout", hang, Unknown, false, 0, "no answer", CodeTimeout},
		{"closes after reading", hangUp, Unknown, false, 0, "no answer", CodeNoAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, tt.answer)
			_, err := newBot(srv.URL).Send(context.Background(), tgDelivery())
			se := wantOutcome(t, err, tt.outcome, tt.retryable)
			if code, _ := CodeOf(err); code != tt.code {
				t.Errorf("code %s, want %s", code, tt.code)
			}
			if se.RetryAfter != tt.retryAfter {
				t.Errorf("RetryAfter = %v, want %v", se.RetryAfter, tt.retryAfter)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not say %q", err, tt.contains)
			}
			noToken(t, err)
			// Telegram does not deduplicate: never a second request.
			if n := len(srv.requests()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestTelegramRefused(t *testing.T) {
	_, err := newBot(refusedURL(t)).Send(context.Background(), tgDelivery())
	wantOutcome(t, err, NotSent, true)
	noToken(t, err)
	if !strings.Contains(err.Error(), "not delivered") {
		t.Errorf("error %q", err)
	}
}

// A client timeout of its own (the desk's shared client) is read the same.
func TestTelegramClientTimeout(t *testing.T) {
	srv := newRecorder(t, hang)
	tg := NewTelegram(botToken, "@valbourg", srv.URL, &http.Client{Timeout: 200 * time.Millisecond})
	_, err := tg.Send(context.Background(), tgDelivery())
	wantOutcome(t, err, Unknown, false)
	noToken(t, err)
}

func TestTelegramRefusesWithoutWhatItNeeds(t *testing.T) {
	srv := newRecorder(t, status(200, `{"ok":true,"result":{"message_id":1}}`))
	missing := tgDelivery()
	missing.Message.Image, missing.Message.ImageSum = "gone.jpg", message.NoPicture
	cases := map[string]func() error{
		"no token": func() error {
			_, err := NewTelegram("", "@valbourg", srv.URL, nil).Send(context.Background(), tgDelivery())
			return err
		},
		"token with a path in it": func() error {
			_, err := NewTelegram("1:abc/../x", "@valbourg", srv.URL, nil).Send(context.Background(), tgDelivery())
			return err
		},
		"no chat": func() error {
			_, err := NewTelegram(botToken, "", srv.URL, nil).Send(context.Background(), tgDelivery())
			return err
		},
		"missing image": func() error { _, err := newBot(srv.URL).Send(context.Background(), missing); return err },
		"an API in clear": func() error {
			_, err := NewTelegram(botToken, "@valbourg", "http://telegram.example.org", nil).Send(context.Background(), tgDelivery())
			if err != nil && !strings.Contains(err.Error(), "not https") {
				t.Errorf("an API in clear: %v", err)
			}
			return err
		},
	}
	for name, send := range cases {
		t.Run(name, func(t *testing.T) {
			err := send()
			wantOutcome(t, err, NotSent, false)
			noToken(t, err)
		})
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}

func TestTelegramScrubsTheToken(t *testing.T) {
	tg := newBot("https://api.telegram.org")
	for _, s := range []string{fmt.Sprint(tg), fmt.Sprintf("%+v", tg), fmt.Sprintf("%#v", tg), fmt.Sprintf("%v", *tg)} {
		if strings.Contains(s, "AAH-fake") {
			t.Errorf("%q shows the token", s)
		}
	}
	// An error that quotes the address, as the HTTP client's do.
	inner := fmt.Errorf(`Post "https://api.telegram.org/bot%s/sendMessage": %w`, botToken, io.EOF)
	err := tg.scrub(fmt.Errorf("telegram sendMessage: %w", inner))
	noToken(t, err)
	if !strings.Contains(err.Error(), "/bot<token>/sendMessage") {
		t.Errorf("scrubbed to %q", err)
	}
	// An error without it keeps its chain.
	if err := tg.scrub(fmt.Errorf("x: %w", io.EOF)); !errors.Is(err, io.EOF) {
		t.Error("a clean error lost its chain")
	}
}

func TestTelegramHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Bonjour Valbourg", "Bonjour Valbourg"},
		{"bold", "Le *marché* ouvre", "Le <b>marché</b> ouvre"},
		{"italic", "_samedi_ matin", "<i>samedi</i> matin"},
		{"strike", "~annulé~ reporté", "<s>annulé</s> reporté"},
		{"nested", "*_les deux_*", "<b><i>les deux</i></b>"},
		{"bold then italic", "*a*_b_", "<b>a</b><i>b</i>"},
		{"partly nested", "*gras _et italique_ fin*", "<b>gras <i>et italique</i> fin</b>"},
		{"inline code", "tapez `crieur send`", "tapez <code>crieur send</code>"},
		{"code inside bold stops the bold", "*run `make` now*", "<b>run </b><code>make</code><b> now</b>"},
		{"mono within a line", "le code ```A&B``` ici", "le code <code>A&amp;B</code> ici"},
		{"mono block", "```\nligne 1\n  ligne *2*\n```", "<pre>\nligne 1\n  ligne *2*\n</pre>"},
		{"mono block after text", "Horaires :\n```lun 9h\nmar 10h```\nfin", "Horaires :\n<pre>lun 9h\nmar 10h</pre>\nfin"},
		{"quote", "> Citation *du maire*", "<blockquote>Citation <b>du maire</b></blockquote>"},
		{"quote lines join", "> un\n> deux\nfin", "<blockquote>un\ndeux</blockquote>\nfin"},
		{"two quotes", "> un\n\n> deux", "<blockquote>un</blockquote>\n\n<blockquote>deux</blockquote>"},
		{"no code in a quote", "> tapez `x`", "<blockquote>tapez x</blockquote>"},
		{"bullets", "* pain\n- *vin*", "• pain\n• <b>vin</b>"},
		{"numbered kept as typed", "1. un\n02. deux\n10. dix", "1. un\n02. deux\n10. dix"},
		{"person typed HTML", "<b>pas gras</b> & <script>", "&lt;b&gt;pas gras&lt;/b&gt; &amp; &lt;script&gt;"},
		{"entity typed", "&amp; &lt;", "&amp;amp; &amp;lt;"},
		{"emoji", "🎄 *Noël* 🇫🇷👨‍👩‍👧", "🎄 <b>Noël</b> 🇫🇷👨‍👩‍👧"},
		{"link stays text", "https://www.valbourg.fr/a_b_c?x=1&y=2", "https://www.valbourg.fr/a_b_c?x=1&amp;y=2"},
		{"bold link", "*https://valbourg.fr*", "<b>https://valbourg.fr</b>"},
		{"literal markers", "2*3*4 snake_case * x*", "2*3*4 snake_case * x*"},
		{"doubled marker", "**Texte**", "<b>*Texte*</b>"},
		{"unclosed", "*pas fermé", "*pas fermé"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TelegramHTML(tt.in)
			if got != tt.want {
				t.Errorf("TelegramHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if err := checkTelegramHTML(got); err != nil {
				t.Error(err)
			}
		})
	}
}
