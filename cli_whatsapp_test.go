package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/sender"
	"crieur/sender/wafake"
	"crieur/settings"
	"crieur/store"
)

// waCLI is crieur run in the test's process with a fake linked device.
type waCLI struct {
	t              *testing.T
	fake           *wafake.Fake
	cfg, db        string
	stdout, stderr bytes.Buffer
}

func newWACLI(t *testing.T) *waCLI {
	dir := t.TempDir()
	w := &waCLI{t: t, fake: wafake.New(), cfg: filepath.Join(dir, "config", "config.toml"), db: filepath.Join(dir, "data", "crieur.db")}
	w.fake.SetChannels(
		sender.Channel{JID: "120363000000000001@newsletter", Name: "Ville de Valbourg", Followers: 12400, Role: "owner"},
		sender.Channel{JID: "120363000000000002@newsletter", Name: "Valbourg Sport", Followers: 1, Role: "admin"},
	)
	return w
}

func (w *waCLI) run(stdin string, args ...string) int {
	w.t.Helper()
	w.stdout.Reset()
	w.stderr.Reset()
	c := &cli{
		stdin: strings.NewReader(stdin), stdout: &w.stdout, stderr: &w.stderr,
		getenv: func(string) string { return "" }, now: time.Now,
		whatsapp: func() sender.WhatsApp { return w.fake },
	}
	return c.run(append([]string{"--db", w.db, "--config", w.cfg}, args...))
}

func (w *waCLI) settings() settings.Settings {
	w.t.Helper()
	s, _, err := settings.Load(w.cfg, englishSettings)
	if err != nil {
		w.t.Fatal(err)
	}
	return s
}

func TestWhatsAppLinkWithQR(t *testing.T) {
	w := newWACLI(t)
	w.fake.SetState(sender.WANotLinked)
	w.fake.ScriptLink(wafake.QR("2@first-code", time.Minute), wafake.QR("2@second-code", 20*time.Second), wafake.Done("+33 6 12 34 56 78 (Mairie)"))
	if code := w.run("", "whatsapp", "link"); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	out := w.stdout.String()
	for _, want := range []string{"Linked devices", "█", "seconds left", "Linked to +33 6 12 34 56 78 (Mairie).",
		"1. Ville de Valbourg (owner, 12,400 followers) 120363000000000001@newsletter", "crieur whatsapp channels --pick N"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("escape sequences written to a pipe")
	}
	if strings.Count(out, "Scan with WhatsApp") != 2 {
		t.Errorf("the renewed code was not shown:\n%s", out)
	}
	if calls := w.fake.CallsOf(wafake.MethodLink); len(calls) != 1 || calls[0].Phone != "" {
		t.Errorf("link calls %+v", calls)
	}
}

func TestWhatsAppLinkWithPhone(t *testing.T) {
	w := newWACLI(t)
	w.fake.SetState(sender.WANotLinked)
	w.fake.ScriptLink(wafake.PairCode("ABCD1234"), wafake.Done("+33 6"))
	if code := w.run("", "whatsapp", "link", "--phone", "+33 6 12 34 56 78"); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	if !strings.Contains(w.stdout.String(), "ABCD-1234") {
		t.Errorf("pairing code not shown:\n%s", w.stdout.String())
	}
	if calls := w.fake.CallsOf(wafake.MethodLink); len(calls) != 1 || calls[0].Phone != "+33 6 12 34 56 78" {
		t.Errorf("link calls %+v", calls)
	}
}

func TestWhatsAppLinkEndings(t *testing.T) {
	for name, c := range map[string]struct {
		state  sender.WAState
		script []sender.LinkEvent
		want   string
	}{
		"expired":        {sender.WANotLinked, []sender.LinkEvent{wafake.QR("c", time.Second), wafake.Expired()}, "not used in time"},
		"failed":         {sender.WANotLinked, []sender.LinkEvent{wafake.Failed(errors.New("refused by the phone"))}, "refused by the phone"},
		"already linked": {sender.WAConnected, nil, "already linked"},
		"logged out":     {sender.WALoggedOut, []sender.LinkEvent{wafake.Done("+1")}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			w := newWACLI(t)
			w.fake.SetState(c.state)
			w.fake.ScriptLink(c.script...)
			code := w.run("", "whatsapp", "link")
			if c.want == "" {
				if code != 0 {
					t.Errorf("exit %d: %s", code, w.stderr.String())
				}
				return
			}
			if code != 1 || !strings.Contains(w.stderr.String(), c.want) {
				t.Errorf("exit %d, stderr %q", code, w.stderr.String())
			}
		})
	}
}

func TestWhatsAppChannelsPickAndInvite(t *testing.T) {
	w := newWACLI(t)
	if code := w.run("", "whatsapp", "channels"); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	if !strings.Contains(w.stdout.String(), "2. Valbourg Sport (admin, 1 follower)") {
		t.Errorf("list:\n%s", w.stdout.String())
	}
	if code := w.run("", "whatsapp", "channels", "--pick", "2"); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	ds := w.settings().WhatsAppDestinations()
	if len(ds) != 1 || ds[0].Channel != "120363000000000002@newsletter" || ds[0].ChannelName != "Valbourg Sport" {
		t.Fatalf("settings %+v", ds)
	}
	data, _ := os.ReadFile(w.cfg)
	if !strings.Contains(string(data), "# crieur settings. Lines starting with # are comments.") {
		t.Error("the settings lost their comments")
	}
	w.run("", "whatsapp", "channels")
	if !strings.Contains(w.stdout.String(), "* 2. Valbourg Sport") {
		t.Errorf("the chosen channel is not marked:\n%s", w.stdout.String())
	}
	if code := w.run("", "whatsapp", "channels", "--pick", "3"); code != 2 {
		t.Errorf("pick out of range: exit %d", code)
	}
	if code := w.run("", "whatsapp", "channels", "--pick", "1", "--invite", "x"); code != 2 {
		t.Errorf("both: exit %d", code)
	}

	w.fake.SetInvite("0029VaXyZ", sender.Channel{JID: "120363000000000009@newsletter", Name: "Mairie", Role: "owner"})
	if code := w.run("", "whatsapp", "channels", "--invite", "https://whatsapp.com/channel/0029VaXyZ"); code != 0 {
		t.Fatalf("invite: exit %d: %s", code, w.stderr.String())
	}
	if ds := w.settings().WhatsAppDestinations(); len(ds) != 1 || ds[0].Channel != "120363000000000009@newsletter" {
		t.Errorf("settings after the invite %+v", ds)
	}
	w.fake.SetInvite("0029Follow", sender.Channel{JID: "120363000000000010@newsletter", Name: "Autre", Role: "subscriber"})
	if code := w.run("", "whatsapp", "channels", "--invite", "0029Follow"); code != 1 || !strings.Contains(w.stderr.String(), "cannot post there") {
		t.Errorf("invite to a channel not administered: exit %d %q", code, w.stderr.String())
	}
}

func TestWhatsAppNoChannels(t *testing.T) {
	w := newWACLI(t)
	w.fake.SetChannels()
	if code := w.run("", "whatsapp", "channels"); code != 0 || !strings.Contains(w.stdout.String(), "administers no channel") {
		t.Errorf("exit %d:\n%s", code, w.stdout.String())
	}
	w.fake.SetState(sender.WAOffline)
	if code := w.run("", "whatsapp", "channels"); code != 1 || !strings.Contains(w.stderr.String(), "not connected") {
		t.Errorf("offline: exit %d %q", code, w.stderr.String())
	}
}

func TestWhatsAppStatusAndUnlink(t *testing.T) {
	w := newWACLI(t)
	if err := settings.SetWhatsAppChannel(w.cfg, "120363000000000001@newsletter", "Ville de Valbourg", englishSettings); err != nil {
		t.Fatal(err)
	}
	if code := w.run("", "whatsapp", "status"); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	out := w.stdout.String()
	for _, want := range []string{"account:    " + wafake.DefaultAccount, "channel:    Ville de Valbourg (120363000000000001@newsletter)", "connection: connected"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	w.fake.SetState(sender.WALoggedOut)
	if code := w.run("", "whatsapp", "status"); code != 1 || !strings.Contains(w.stderr.String(), "logged this desk out") {
		t.Errorf("logged out: exit %d %q", code, w.stderr.String())
	}
	w.fake.SetState(sender.WAConnected)
	if code := w.run("", "whatsapp", "unlink"); code != 0 || !strings.Contains(w.stdout.String(), "Unlinked") {
		t.Fatalf("unlink: exit %d %q", code, w.stderr.String())
	}
	if w.fake.State() != sender.WANotLinked {
		t.Error("still linked")
	}
	if code := w.run("", "whatsapp", "unlink"); code != 0 || !strings.Contains(w.stdout.String(), "nothing to unlink") {
		t.Errorf("unlink twice: exit %d %q", code, w.stdout.String())
	}
	if code := w.run("", "whatsapp", "status"); code != 1 || !strings.Contains(w.stdout.String(), "account:    none") {
		t.Errorf("status when not linked: exit %d\n%s", code, w.stdout.String())
	}
}

func TestWhatsAppUsage(t *testing.T) {
	w := newWACLI(t)
	for _, sub := range []string{"link", "channels", "status", "unlink"} {
		if code := w.run("", "whatsapp", sub, "-h"); code != 0 || !strings.Contains(w.stdout.String(), "Usage: crieur whatsapp "+sub) {
			t.Errorf("%s -h: exit %d\n%s", sub, code, w.stdout.String())
		}
	}
	if code := w.run("", "whatsapp"); code != 2 || !strings.Contains(w.stdout.String(), "crieur whatsapp link") {
		t.Errorf("no subcommand: exit %d", code)
	}
	if code := w.run("", "whatsapp", "dance"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
	if code := w.run("", "whatsapp", "status", "extra"); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	if code := w.run("", "help", "whatsapp"); code != 0 || !strings.Contains(w.stdout.String(), "dedicated admin account") {
		t.Errorf("help whatsapp: exit %d", code)
	}
}

// The real device beside the data file: without a session, nothing is
// created, and the commands say to link first.
func TestWhatsAppRealDeviceNotLinked(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, now: time.Now}
	db := filepath.Join(dir, "data", "crieur.db")
	code := c.run([]string{"--db", db, "--config", filepath.Join(dir, "config.toml"), "whatsapp", "status"})
	if code != 1 || !strings.Contains(errOut.String(), "not linked") {
		t.Errorf("status: exit %d %q", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "whatsapp")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a session folder was created: %v", err)
	}
}

// A due send to WhatsApp goes through the fake device from `send --due`.
func TestSendDueToWhatsApp(t *testing.T) {
	w := newWACLI(t)
	if err := settings.SetWhatsAppChannel(w.cfg, "120363000000000001@newsletter", "Ville", englishSettings); err != nil {
		t.Fatal(err)
	}
	settings := w.settings()
	st, err := store.Open(w.db, store.Options{Hash: func(p store.Post) string { return sender.Seal(p, settings) }})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(store.Post{Title: "Piscine", Body: "Fermée lundi", Category: "service", Status: store.StatusReady})
	if err == nil {
		p, err = st.Validate(p.ID, p.Rev, "Camille")
	}
	if err == nil {
		_, err = st.Queue(p.ID, []string{"whatsapp"}, time.Now().Add(-time.Minute), false, "")
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code := w.run("", "send", "--due"); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, w.stderr.String(), w.stdout.String())
	}
	if !strings.Contains(w.stdout.String(), "sent        Piscine -> whatsapp (message msg-1)") {
		t.Errorf("report:\n%s", w.stdout.String())
	}
	if live := w.fake.Live("120363000000000001@newsletter"); len(live) != 1 || live[0].Message.Text != "Fermée lundi" {
		t.Errorf("channel %+v", live)
	}
}
