package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/sender"
	"crieur/sender/wafake"
	"crieur/store"
	"crieur/ui/i18n"
	"crieur/ui/i18n/i18ntest"
)

// Every code of the send log has its sentence in both languages, and the
// French one says it in French.
func TestEverySendCodeIsInTheCatalogue(t *testing.T) {
	fr, en := i18n.For("fr"), i18n.For("en")
	for _, code := range sender.Codes() {
		said, says := fr.SendErrors.Codes[string(code)], en.SendErrors.Codes[string(code)]
		if said == "" || says == "" || said == says {
			t.Errorf("%s: fr %q, en %q", code, said, says)
			continue
		}
		if got := i18ntest.Leaks("fr", fr.SendError(string(code), 500, ""), nil); len(got) > 0 {
			t.Errorf("%s said in French holds English: %q", code, got)
		}
	}
	// An attempt logged before codes: its words, introduced as such.
	old := fr.SendError("", 0, "webhook hook.example: HTTP 500 Internal Server Error (outcome unknown)")
	if !strings.HasPrefix(old, strings.SplitN(fr.SendErrors.Recorded, "%s", 2)[0]) || !strings.Contains(old, "Internal Server Error") {
		t.Errorf("an old attempt reads %q", old)
	}
}

// sendKind is one way a send goes wrong, made for real: a destination of
// the settings served by httptest (or the WhatsApp fake), and what to do
// to the post or the file before the run.
type sendKind struct {
	name   string
	code   sender.Code
	tables func(t *testing.T) string                     // the destinations of the settings
	device func() sender.WhatsApp                        // the linked device, for a WhatsApp destination
	before func(t *testing.T, st *store.Store, p string) // what happens before the run
}

// A French report of a send, for each way it can go wrong, says why in
// French: the command line's report of the run, its table of the send
// log, and the send log's code in --json; no entry of the English
// catalogue and no words of what the destination or Go answered.
func TestFrenchSendReportsForEachKind(t *testing.T) {
	for _, k := range sendKinds() {
		t.Run(k.name, func(t *testing.T) {
			d := newDesk(t)
			d.destinations(k.tables(t))
			ids := d.queue("Piscine fermée", destinationName)
			st := d.sealedStore(t)
			defer st.Close()
			snd, err := st.Send(ids[0])
			if err != nil {
				t.Fatal(err)
			}
			if k.before != nil {
				k.before(t, st, snd.Post)
			}
			secrets, err := sender.LoadSecrets(filepath.Join(filepath.Dir(d.cfg), "secrets.env"), env(nil))
			if err != nil {
				t.Fatal(err)
			}
			// A short deadline for the destination that never answers; the
			// others get the time a TLS handshake takes on a loaded machine.
			timeout := 10 * time.Second
			if k.code == sender.CodeTimeout {
				timeout = 300 * time.Millisecond
			}
			opts := []sender.Option{sender.WithTimeout(timeout), sender.WithAttempts(1)}
			if k.device != nil {
				opts = append(opts, sender.WithWhatsApp(k.device()))
			}
			conf := d.loadSettings(t)
			backends, err := sender.BuildBackends(conf, secrets, &http.Client{}, t.TempDir(), opts...)
			if err != nil {
				t.Fatal(err)
			}
			if k.code == sender.CodeOffline {
				backends = nil // a run that reaches no destination but copy and paste
			}
			report, err := (&sender.Dispatcher{Store: st, Settings: conf, Backends: backends}).RunDue(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(report.Sends) != 1 {
				t.Fatalf("report %+v", report)
			}
			got := report.Sends[0]
			if got.Code != k.code {
				t.Fatalf("code %s, want %s (%s)", got.Code, k.code, got.Err)
			}
			fr := &cli{t: i18n.For("fr")}
			var out bytes.Buffer
			fr.stdout = &out
			fr.printReport(report)
			sends, err := st.SendLog(false)
			if err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriter(&out)
			fr.writeSendsTable(w, sends, map[string]string{snd.Post: "Piscine fermée"}, time.UTC)
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			said := i18n.For("fr").SendErrors.Codes[string(k.code)]
			if k.code != sender.CodeNoDestination && !strings.Contains(text, said) {
				t.Errorf("the report does not say %q:\n%s", said, text)
			}
			raw := []string{got.Err}
			for _, s := range sends {
				if a := s.Last(); a != nil {
					raw = append(raw, a.Err)
				}
			}
			if leaks := i18ntest.Leaks("fr", text, raw, i18ntest.ScriptWords...); len(leaks) > 0 {
				t.Errorf("English in the French report: %q\n%s", leaks, text)
			}
			// Scripts read the code, and the words for the record.
			var js bytes.Buffer
			w = bufio.NewWriter(&js)
			if err := writeSendsJSON(w, sends, nil, time.UTC); err != nil || w.Flush() != nil {
				t.Fatal(err)
			}
			var listed listedSend
			if err := json.Unmarshal(js.Bytes(), &listed); err != nil {
				t.Fatal(err)
			}
			if recorded := sends[0].Last() != nil; recorded && (listed.Code != string(k.code) || listed.Error == "") {
				t.Errorf("sends --json: %s", js.String())
			}
			t.Logf("%s", text)
		})
	}
}

// destinationName is the destination of every kind.
const destinationName = "canal"

// sendKinds are the ways a send goes wrong, each made for real.
func sendKinds() []sendKind {
	hook := func(url string) string {
		return fmt.Sprintf("[[destination]]\nname = %q\nkind = \"webhook\"\nurl = %q\n", destinationName, url)
	}
	bot := func(url string) string {
		return fmt.Sprintf("[[destination]]\nname = %q\nkind = \"telegram\"\nchat_id = \"@valbourg\"\napi_base = %q\n", destinationName, url)
	}
	answering := func(status int, body string, header ...string) func(t *testing.T) string {
		return func(t *testing.T) string {
			srv := quietServer(t, func(w http.ResponseWriter, _ *http.Request) {
				for i := 0; i+1 < len(header); i += 2 {
					w.Header().Set(header[i], header[i+1])
				}
				w.WriteHeader(status)
				io.WriteString(w, body)
			}, false)
			return hook(srv.URL + "/hook")
		}
	}
	telegram := func(status int, body string) func(t *testing.T) string {
		return func(t *testing.T) string {
			srv := quietServer(t, func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(status)
				io.WriteString(w, body)
			}, false)
			return bot(srv.URL)
		}
	}
	whatsapp := fmt.Sprintf("[[destination]]\nname = %q\nkind = \"whatsapp\"\nchannel = \"120363000000000001@newsletter\"\n", destinationName)
	return []sendKind{
		{name: "webhook answering 500", code: sender.CodeServerError, tables: answering(500, "Internal Server Error: database is down")},
		{name: "webhook refusing", code: sender.CodeRefused, tables: answering(400, `{"error":"text is required"}`)},
		{name: "webhook moved", code: sender.CodeRedirect, tables: answering(302, "", "Location", "https://elsewhere.example/hook")},
		{name: "webhook asking to wait", code: sender.CodeRateLimited, tables: answering(429, "Too Many Requests: slow down")},
		{name: "webhook that never answers", code: sender.CodeTimeout, tables: func(t *testing.T) string {
			srv := quietServer(t, func(_ http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				<-r.Context().Done()
			}, false)
			return hook(srv.URL + "/hook")
		}},
		{name: "webhook that hangs up", code: sender.CodeNoAnswer, tables: func(t *testing.T) string {
			srv := quietServer(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				conn, _, err := w.(http.Hijacker).Hijack()
				if err == nil {
					conn.Close()
				}
			}, false)
			return hook(srv.URL + "/hook")
		}},
		{name: "webhook nowhere", code: sender.CodeUnreachable, tables: func(t *testing.T) string {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := l.Addr().String()
			l.Close() // nothing listens there any more
			return hook("http://" + addr + "/hook")
		}},
		{name: "webhook behind a self-signed certificate", code: sender.CodeTLSUntrusted, tables: func(t *testing.T) string {
			return hook(quietServer(t, func(http.ResponseWriter, *http.Request) {}, true).URL + "/hook")
		}},
		{name: "webhook without TLS", code: sender.CodeTLSNone, tables: func(t *testing.T) string {
			srv := quietServer(t, func(http.ResponseWriter, *http.Request) {}, false)
			return hook(strings.Replace(srv.URL, "http://", "https://", 1) + "/hook")
		}},
		{name: "Telegram channel not found", code: sender.CodeNoChannel,
			tables: telegram(400, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`)},
		{name: "Telegram bot not allowed", code: sender.CodeForbidden,
			tables: telegram(403, `{"ok":false,"error_code":403,"description":"Forbidden: bot is not a member of the channel chat"}`)},
		{name: "Telegram token refused", code: sender.CodeBadToken,
			tables: telegram(401, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)},
		{name: "WhatsApp not linked", code: sender.CodeWANotLinked, tables: func(*testing.T) string { return whatsapp },
			device: func() sender.WhatsApp {
				f := wafake.New()
				f.SetState(sender.WANotLinked)
				return f
			}},
		{name: "WhatsApp refusing", code: sender.CodeWARejected, tables: func(*testing.T) string { return whatsapp },
			device: func() sender.WhatsApp {
				f := wafake.New()
				f.PublishReturns(wafake.Result{Err: sender.ErrRejected})
				return f
			}},
		{name: "a seal that no longer matches", code: sender.CodeSealBroken, tables: answering(200, `{"id":"x"}`),
			before: func(t *testing.T, st *store.Store, id string) {
				p, err := st.Post(id)
				if err != nil {
					t.Fatal(err)
				}
				p.Body += " Réouverture le 15."
				if _, err := st.SavePost(p); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "no destination of that name", code: sender.CodeNoDestination, tables: func(t *testing.T) string {
			// The settings name another destination than the queue's.
			return strings.Replace(answering(200, `{"id":"x"}`)(t), destinationName, "ailleurs", 1)
		}},
		{name: "offline", code: sender.CodeOffline, tables: answering(200, `{"id":"x"}`)},
	}
}

// quietServer is an httptest server, with TLS when asked, that logs
// nothing of the clients that go away.
func quietServer(t *testing.T, handler http.HandlerFunc, secure bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(handler)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if secure {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}
