package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/sender"
	"crieur/sender/wafake"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// Two channels the fake account administers.
var (
	cityChannel    = sender.Channel{JID: "120363000000000001@newsletter", Name: "Ville de Valbourg", Followers: 12400, Role: "owner"}
	cultureChannel = sender.Channel{JID: "120363000000000002@newsletter", Name: "Valbourg Culture", Followers: 2100, Role: "admin"}
)

// qrEvent is a QR code that lives for ttl on the desk's clock.
func qrEvent(code string, ttl time.Duration) sender.LinkEvent {
	return sender.LinkEvent{Kind: sender.LinkQR, Code: code, Expires: testNow.Add(ttl)}
}

// newWhatsAppModel is the desk with a fake linked device and a real
// settings file, sized w x h.
func newWhatsAppModel(t *testing.T, fake *wafake.Fake, w, h int) (Model, string) {
	t.Helper()
	st := newTestStore(t, fixture())
	path := filepath.Join(t.TempDir(), "crieur.toml")
	settings, _, err := settings.Load(path, settings.Words(i18n.For("en").Settings))
	if err != nil {
		t.Fatal(err)
	}
	settings.Desk.Name = "Camille"
	fake.SetClock(fixedNow)
	m := New(Config{Store: st, Settings: settings, SettingsPath: path, Lang: "en", Now: fixedNow, Autosave: -1, WhatsApp: fake})
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, m.loadCmd()()), path
}

func TestWhatsAppLinkWithQRThenChooseChannel(t *testing.T) {
	fake := wafake.New()
	fake.SetState(sender.WANotLinked)
	fake.SetAccount("")
	fake.SetChannels(cityChannel, cultureChannel)
	m, path := newWhatsAppModel(t, fake, 100, 50)

	m = press(t, m, "W")
	if m.screen != screenWhatsApp {
		t.Fatalf("W opened screen %d", m.screen)
	}
	if s := screenText(m); !strings.Contains(s, "no account linked") || !strings.Contains(s, "dedicated admin number") {
		t.Fatalf("the screen does not say how to link, and the risk:\n%s", s)
	}

	// A first code: drawn black on white, with the time left.
	fake.ScriptLink(qrEvent("2@first-code,abc,def,ghi", 60*time.Second))
	m = press(t, m, "l")
	s := screenText(m)
	if !strings.Contains(s, "60 s left") || !strings.Contains(s, "█") {
		t.Fatalf("no QR code with its time left:\n%s", s)
	}
	if calls := fake.CallsOf(wafake.MethodLink); len(calls) != 1 || calls[0].Phone != "" {
		t.Fatalf("link calls = %+v, want one with a QR code", calls)
	}
	if !strings.Contains(m.View().Content, "\x1b[") {
		t.Fatal("the code is not painted")
	}
	// esc stops linking without leaving the screen.
	m = press(t, m, "esc")
	if m.screen != screenWhatsApp || m.whatsapp.linking {
		t.Fatal("esc did not stop linking")
	}

	// Linking again, to the end: renewed code, success, channels listed.
	fake.ScriptLink(qrEvent("2@one", 60*time.Second), qrEvent("2@two", 20*time.Second), wafake.Done("+33 6 12 34 56 78"))
	m = press(t, m, "l")
	s = screenText(m)
	for _, want := range []string{"Linked to +33 6 12 34 56 78", "Ville de Valbourg", "Valbourg Culture", "12,400 followers", "connected"} {
		if !strings.Contains(s, want) {
			t.Fatalf("after linking the screen lacks %q:\n%s", want, s)
		}
	}

	// The second channel is chosen and written in the settings file.
	m = press(t, m, "j", "enter")
	if !strings.Contains(m.message, "Posts now go to the channel “Valbourg Culture”. Copy and paste is turned off") {
		t.Fatalf("no word of the choice:\n%s", screenText(m))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), cultureChannel.JID) {
		t.Fatalf("the settings file does not name the channel:\n%s", data)
	}
	if jid, _ := m.waChannel(); jid != cultureChannel.JID {
		t.Fatalf("the desk sends to %q", jid)
	}
	if s := screenText(m); !strings.Contains(s, "✓ Valbourg Culture") {
		t.Fatalf("the chosen channel is not marked:\n%s", s)
	}
}

func TestWhatsAppQRNeedsRoom(t *testing.T) {
	fake := wafake.New()
	fake.SetState(sender.WANotLinked)
	m, _ := newWhatsAppModel(t, fake, 80, 24)
	fake.ScriptLink(qrEvent(strings.Repeat("2@code,", 30), time.Minute))
	m = press(t, m, "W", "l")
	s := screenText(m)
	if !strings.Contains(s, "enlarge it") {
		t.Fatalf("a QR code too big for 80x24 is not explained:\n%s", s)
	}
	for _, line := range strings.Split(s, "\n") {
		if cells(line) > 80 {
			t.Fatalf("line wider than the terminal: %q", line)
		}
	}
}

func TestWhatsAppPairWithPhoneNumber(t *testing.T) {
	fake := wafake.New()
	fake.SetState(sender.WANotLinked)
	m, _ := newWhatsAppModel(t, fake, 100, 30)
	fake.ScriptLink(wafake.PairCode("ABCD1234"))
	m = press(t, m, "W", "p")
	m = typeText(t, m, "+33 6 12 34 56 78")
	m = press(t, m, "enter")
	if calls := fake.CallsOf(wafake.MethodLink); len(calls) != 1 || calls[0].Phone != "33612345678" {
		t.Fatalf("link calls = %+v, want the number's digits", calls)
	}
	if s := screenText(m); !strings.Contains(s, "ABCD-1234") || !strings.Contains(s, "Link with phone number") {
		t.Fatalf("the pairing code is not shown with how to use it:\n%s", s)
	}

	// A number too short is refused before anything is asked.
	m = press(t, m, "esc")
	m = press(t, m, "p")
	m = typeText(t, m, "06")
	m = press(t, m, "enter")
	if !m.isError || !strings.Contains(m.message, "country code") {
		t.Fatalf("message = %q", m.message)
	}
	if n := len(fake.CallsOf(wafake.MethodLink)); n != 1 {
		t.Fatalf("%d link calls, want 1", n)
	}
}

func TestWhatsAppLinkFailureAndExpiry(t *testing.T) {
	fake := wafake.New()
	fake.SetState(sender.WANotLinked)
	m, _ := newWhatsAppModel(t, fake, 100, 50)
	fake.ScriptLink(qrEvent("2@x", time.Minute), wafake.Expired())
	m = press(t, m, "W", "l")
	if !m.isError || !strings.Contains(m.message, "expired") || m.whatsapp.linking {
		t.Fatalf("expiry: message %q, linking %v", m.message, m.whatsapp.linking)
	}
	fake.LinkReturns(errors.New("network is unreachable"))
	m = press(t, m, "l")
	if !m.isError || !strings.Contains(m.message, "Linking failed: network is unreachable") {
		t.Fatalf("failure: message %q", m.message)
	}
}

func TestWhatsAppInviteLinkAndUnlink(t *testing.T) {
	fake := wafake.New()
	fake.SetInvite("AbCdEf", cityChannel)
	m, path := newWhatsAppModel(t, fake, 100, 30)
	m = press(t, m, "W", "i")
	m = typeText(t, m, "https://whatsapp.com/channel/AbCdEf")
	m = press(t, m, "enter")
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), cityChannel.JID) {
		t.Fatalf("the invite's channel is not in the settings (%q):\n%s", m.message, data)
	}

	m = press(t, m, "U")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "session file is deleted") {
		t.Fatal("unlinking does not ask first")
	}
	m = press(t, m, "y")
	if len(fake.CallsOf(wafake.MethodUnlink)) != 1 || m.waState != sender.WANotLinked {
		t.Fatalf("unlink: calls %v, state %v", fake.CallsOf(wafake.MethodUnlink), m.waState)
	}
}

func TestWhatsAppStateOnTheTitleLine(t *testing.T) {
	fake := wafake.New()
	m, _ := newWhatsAppModel(t, fake, 100, 30)
	m = send(t, m, m.waStateCmd()())
	if s := firstLine(screenText(m)); !strings.Contains(s, "WhatsApp ● connected") {
		t.Fatalf("title line: %q", s)
	}
	fake.SetState(sender.WALoggedOut)
	m = send(t, m, m.waStateCmd()())
	if s := firstLine(screenText(m)); !strings.Contains(s, "logged out: W to link again") {
		t.Fatalf("title line: %q", s)
	}
	// Not linked and no WhatsApp destination: nothing to say.
	fake.SetState(sender.WANotLinked)
	m = send(t, m, m.waStateCmd()())
	if s := firstLine(screenText(m)); strings.Contains(s, "WhatsApp") {
		t.Fatalf("title line: %q", s)
	}
}

func TestStatsOnTheBacklogAndThePhone(t *testing.T) {
	posts := fixture()
	posts[0].Status = store.StatusSent
	m := newTestModel(t, "en", 120, 30, posts)
	id := m.backlog.posts[len(m.backlog.posts)-1].ID() // the oldest: the sent one
	if err := m.st.SetStats(id, store.PostStats{Views: 1234, Reactions: map[string]int{"👍": 30, "❤️": 12}, At: testNow}); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, m.loadStatsCmd()())
	if s := screenText(m); !strings.Contains(s, "1,234 views · 42 reactions") {
		t.Fatalf("the backlog does not show the stats:\n%s", s)
	}
	m.backlog.selectID(id)
	m = press(t, m, "p")
	s := screenText(m)
	if !strings.Contains(s, "👍❤️ 42") || !strings.Contains(s, "1.2K views") {
		t.Fatalf("the phone does not show the reactions and views:\n%s", s)
	}
}

// publishedModel is the desk sending to the fake's city channel, with the
// ready post of the fixture validated and published there.
func publishedModel(t *testing.T) (Model, *wafake.Fake, store.Post) {
	t.Helper()
	fake := wafake.New()
	fake.SetClock(fixedNow)
	m := newTestModel(t, "en", 120, 30, fixture())
	m.wa = fake
	m.settings.Destinations = []settings.Destination{{Name: "whatsapp", Kind: settings.KindWhatsApp, Channel: cityChannel.JID, ChannelName: cityChannel.Name}}
	m.dispatcher = &sender.Dispatcher{Store: m.st, Settings: m.settings, Now: fixedNow,
		Backends: map[string]sender.Backend{"whatsapp": sender.NewWhatsApp(fake, cityChannel.JID)}}
	p := mustPost(t, m, "Collecte des déchets décalée")
	if _, err := m.st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.st.Queue(p.ID, []string{"whatsapp"}, testNow, false, ""); err != nil {
		t.Fatal(err)
	}
	report, err := m.dispatcher.RunDue(context.Background())
	if err != nil || report.Problems() > 0 {
		t.Fatalf("publishing: %+v, %v", report, err)
	}
	m = send(t, m, m.loadCmd()())
	p = mustPost(t, m, p.Title)
	if p.Status != store.StatusSent {
		t.Fatalf("the post is %s after publishing", p.Status)
	}
	m.backlog.selectID(p.ID)
	return m, fake, p
}

func TestCorrectAPublishedPost(t *testing.T) {
	m, fake, p := publishedModel(t)

	// Nothing to correct yet: the desk says what to do first.
	m = press(t, m, "E", "y")
	if !m.isError || len(fake.CallsOf(wafake.MethodEdit)) != 0 {
		t.Fatalf("a correction went out with nothing changed: %q", m.message)
	}

	// Edited and validated again, the correction goes out as an edit.
	p.Body = "La collecte du *jeudi* passe au _samedi_ cette semaine."
	p, err := m.st.SavePost(p)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != store.StatusSent {
		t.Fatalf("editing a published post made it %s", p.Status)
	}
	m = send(t, m, m.loadCmd()())
	m = press(t, m, "v")
	if m.confirm == nil {
		t.Fatalf("the correction cannot be validated: %q", m.message)
	}
	m = press(t, m, "y")
	m = press(t, m, "p")
	if s := screenText(m); !strings.Contains(s, "validated correction: E publishes it") {
		t.Fatalf("the preview does not offer the correction:\n%s", s)
	}
	m = press(t, m, "E")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "Replace the published text") {
		t.Fatal("the correction does not ask first")
	}
	m = press(t, m, "y")
	edits := fake.CallsOf(wafake.MethodEdit)
	if len(edits) != 1 || !strings.Contains(edits[0].Message.Text, "_samedi_") {
		t.Fatalf("edits = %+v (message %q)", edits, m.message)
	}
	if !strings.Contains(m.message, "Correction of “Collecte des déchets décalée” published") {
		t.Fatalf("message = %q", m.message)
	}
	if s := screenText(m); !strings.Contains(s, "edited") || strings.Contains(s, "E publishes it") {
		t.Fatalf("the preview does not show the edit:\n%s", s)
	}

	// Deleting asks, then withdraws the message; the history has both.
	m = press(t, m, "D")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "for every follower") {
		t.Fatal("deleting does not ask first")
	}
	m = press(t, m, "y")
	if len(fake.CallsOf(wafake.MethodDelete)) != 1 || !strings.Contains(m.message, "deleted from the channel") {
		t.Fatalf("delete: calls %d, message %q", len(fake.CallsOf(wafake.MethodDelete)), m.message)
	}
	m = press(t, m, "esc", "r")
	s := screenText(m)
	for _, want := range []string{"correction published by Camille", "deleted from the channel by"} {
		if !strings.Contains(s, want) {
			t.Fatalf("the history lacks %q:\n%s", want, s)
		}
	}
}

func TestCorrectionTooLate(t *testing.T) {
	m, fake, p := publishedModel(t)
	p.Body += " Merci."
	p, err := m.st.SavePost(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	later := testNow.Add(sender.EditWindow + time.Hour)
	m.now = func() time.Time { return later }
	m.dispatcher.Now = m.now
	m = press(t, m, "E", "y")
	if !m.isError || !strings.Contains(m.message, "Too late to edit") || len(fake.CallsOf(wafake.MethodEdit)) != 0 {
		t.Fatalf("an edit past the window: message %q, %d edits", m.message, len(fake.CallsOf(wafake.MethodEdit)))
	}
}

func TestRefreshStatsOnDemand(t *testing.T) {
	m, fake, p := publishedModel(t)
	pubs, err := m.st.Publications(p.ID)
	if err != nil || len(pubs) != 1 {
		t.Fatalf("publications: %v, %v", pubs, err)
	}
	fake.SetStats(cityChannel.JID, pubs[0].ServerID, sender.WAStats{Views: 500, Reactions: map[string]int{"👍": 7}})
	m = press(t, m, "R")
	if !strings.Contains(m.message, "read for 1 post") {
		t.Fatalf("message = %q", m.message)
	}
	if s := screenText(m); !strings.Contains(s, "500 views · 7 reactions") {
		t.Fatalf("the backlog does not show the new stats:\n%s", s)
	}
	// WhatsApp unreachable: the desk says so and keeps what it had.
	fake.SetState(sender.WAOffline)
	m = press(t, m, "R")
	if !m.isError || !strings.Contains(screenText(m), "500 views") {
		t.Fatalf("offline refresh: %q\n%s", m.message, screenText(m))
	}
}

// On a narrow terminal the title line keeps what the screen is about and
// the connection as a symbol; the channel's name gives way.
func TestNarrowTitleLineKeepsTheScreenAndTheConnection(t *testing.T) {
	fake := wafake.New()
	m, _ := newWhatsAppModel(t, fake, 80, 24)
	m.settings.Destinations = append(m.settings.Destinations, settings.Destination{Name: "whatsapp", Kind: settings.KindWhatsApp, Channel: cityChannel.JID})
	m = send(t, m, m.waStateCmd()())
	m = press(t, m, "w")
	line := firstLine(screenText(m))
	if !strings.Contains(line, "Week 48") || !strings.Contains(line, "WhatsApp ●") || cells(line) > 80 {
		t.Fatalf("title line at 80 cells: %q", line)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if line := firstLine(screenText(m)); !strings.Contains(line, "WhatsApp ● connected") || !strings.Contains(line, "Ville de Valbourg") {
		t.Fatalf("title line at 120 cells: %q", line)
	}
}
