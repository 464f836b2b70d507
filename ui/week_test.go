package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// weekModel is the desk with one validated post and a copy-and-paste
// destination whose outbox is in a temporary folder.
func weekModel(t *testing.T) Model {
	t.Helper()
	return weekModelIn(t, "en", 100, 30)
}

// weekModelIn is weekModel in a language and a size.
func weekModelIn(t *testing.T, lang string, w, h int) Model {
	t.Helper()
	m := newTestModel(t, lang, w, h, fixture())
	yes := "y"
	if lang == "fr" {
		yes = "o"
	}
	m = press(t, m, "G", "v", yes) // "Collecte des déchets décalée" is validated
	backends, err := sender.BuildBackends(m.settings, sender.Secrets{}, nil, filepath.Join(t.TempDir(), "outbox"))
	if err != nil {
		t.Fatal(err)
	}
	m.dispatcher = &sender.Dispatcher{Store: m.st, Settings: m.settings, Backends: backends, Now: fixedNow}
	return m
}

func TestPlanASlotAndSendItByCopyAndPaste(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w")
	if m.screen != screenWeek || len(m.week.rows) != 3 {
		t.Fatalf("week screen: %d rows", len(m.week.rows))
	}
	s := screenText(m)
	for _, want := range []string{"Week 48", "Tue 24 Nov 09:00", "Thu 26 Nov 12:00", "Sat 28 Nov 10:00", "free slot", "in 2 d 2 h", "past"} {
		if !strings.Contains(s, want) {
			t.Errorf("week screen lacks %q:\n%s", want, s)
		}
	}
	// Thursday's slot: the picker lists the validated post.
	m = press(t, m, "j", "enter")
	if m.week.picker == nil || len(m.week.picker.posts) != 1 {
		t.Fatalf("picker: %+v", m.week.picker)
	}
	m = press(t, m, "enter")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusPlanned || !p.PlannedFor().Equal(m.week.rows[1].at) {
		t.Fatalf("planned: %s at %v", p.Status, p.PlannedFor())
	}
	if s := screenText(m); !strings.Contains(s, "Collecte des déchets décalée") || !strings.Contains(s, "manual: queued") {
		t.Errorf("the slot should show the post queued:\n%s", s)
	}

	// Send it now: the copy-and-paste destination waits for the person.
	m = press(t, m, "S")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "manual") {
		t.Fatalf("S should ask, naming the destinations: %+v", m.confirm)
	}
	m = press(t, m, "y")
	// The text to paste shows at once, and the desk says where it was
	// copied, as it is: no system clipboard in this test.
	if !strings.Contains(m.message, "ready to paste: sent to the terminal (OSC 52)") {
		t.Fatalf("after sending: %q", m.message)
	}
	if s := screenText(m); m.screen != screenPending || !strings.Contains(s, "Text to paste") || !strings.Contains(s, "*jeudi*") {
		t.Fatalf("the text to paste should show:\n%s", s)
	}
	if p := mustPost(t, m, p.Title); p.Status != store.StatusSending {
		t.Fatalf("waiting to be pasted, the post is %s", p.Status)
	}
	m = press(t, m, "esc")
	if s := screenText(m); !strings.Contains(s, "manual: to paste") || !strings.Contains(s, "1 send to settle (!)") {
		t.Errorf("the slot should show the text waiting to be pasted:\n%s", s)
	}
	m = press(t, m, "m")
	if p := mustPost(t, m, p.Title); p.Status != store.StatusSent {
		t.Fatalf("after m, the post is %s", p.Status)
	}
	if s := screenText(m); !strings.Contains(s, "manual: sent") {
		t.Errorf("the slot should show it sent:\n%s", s)
	}
}

func TestUnplanAndWeeks(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "j", "enter", "enter") // Thursday's slot: Tuesday's is past
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusPlanned {
		t.Fatalf("not planned: %s", p.Status)
	}
	m = press(t, m, "u")
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusValidated {
		t.Fatalf("u should free the slot: %s", p.Status)
	}
	m = press(t, m, "]")
	if m.week.week.Number != 49 || !strings.Contains(screenText(m), "Week 49") {
		t.Errorf("] shows next week: %d", m.week.week.Number)
	}
	m = press(t, m, "[", "[")
	if m.week.week.Number != 47 {
		t.Errorf("[ twice shows week 47: %d", m.week.week.Number)
	}
	m = press(t, m, "esc")
	if m.screen != screenBacklog {
		t.Error("esc goes back to the backlog")
	}
}

func TestWeekGolden(t *testing.T) {
	for _, theme := range []string{"dark", "light"} {
		t.Run(theme, func(t *testing.T) {
			m := weekModel(t)
			if theme == "light" {
				m = light(t, m)
			}
			m = press(t, m, "w", "j", "enter", "enter")
			golden.RequireEqual(t, m.View().Content)
		})
	}
}

func TestUrgentSendAsksWhyAndRecordsIt(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "G", "U")
	if m.urgent == nil || !strings.Contains(screenText(m), "why can it not wait") {
		t.Fatalf("U should ask why:\n%s", screenText(m))
	}
	m = press(t, m, "enter")
	if m.urgent == nil {
		t.Fatal("enter without a reason must not send")
	}
	m = typeText(t, m, "Storm: collection cancelled")
	m = press(t, m, "enter")
	p := mustPost(t, m, "Collecte des déchets décalée")
	sends, err := m.st.Sends(p.ID)
	if err != nil || len(sends) != 1 || !sends[0].Urgent || sends[0].Reason != "Storm: collection cancelled" {
		t.Fatalf("urgent send: %+v %v", sends, err)
	}
	if p.Status != store.StatusSending || !strings.Contains(m.message, "ready to paste") {
		t.Errorf("after the urgent send: %s, %q", p.Status, m.message)
	}
	// Only a validated post can go out urgently.
	m = press(t, m, "esc", "g", "U")
	if m.urgent != nil || !strings.Contains(m.message, "Only a validated post") {
		t.Errorf("an idea sent urgently: %q", m.message)
	}
}

// offline is a destination the network cannot reach: nothing leaves the
// machine, so the send waits for the next run.
type offline struct{}

func (offline) Name() string { return "manual" }
func (offline) Limit() int   { return 0 }
func (offline) Send(context.Context, sender.Delivery) (sender.Receipt, error) {
	return sender.Receipt{}, &sender.SendError{Outcome: sender.NotSent, Retryable: true, Err: errors.New("dial tcp: connection refused")}
}

// silent is a destination that took the request and never answered: the
// send may have gone out.
type silent struct{}

func (silent) Name() string { return "manual" }
func (silent) Limit() int   { return 0 }
func (silent) Send(context.Context, sender.Delivery) (sender.Receipt, error) {
	return sender.Receipt{}, &sender.SendError{Outcome: sender.Unknown, Err: errors.New("no answer in 10s")}
}

func TestOfflineSendsWaitAndUnknownOnesAreShown(t *testing.T) {
	m := weekModel(t)
	m.dispatcher.Backends = map[string]sender.Backend{"manual": offline{}}
	m = press(t, m, "w", "]", "enter", "enter", "S", "y")
	if s := screenText(m); !strings.Contains(s, "manual: waiting for the network") || !strings.Contains(m.message, "1 waiting for the network") {
		t.Fatalf("an offline send should wait and say so (%q):\n%s", m.message, s)
	}
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusPlanned {
		t.Errorf("a waiting send leaves the post %s", p.Status)
	}

	// A send that may have gone out is shown on every screen until resolved.
	m2 := weekModel(t)
	m2.dispatcher.Backends = map[string]sender.Backend{"manual": silent{}}
	m2 = press(t, m2, "G", "U")
	m2 = typeText(t, m2, "Storm")
	m2 = press(t, m2, "enter")
	if s := screenText(m2); !strings.Contains(s, "1 send to settle (!)") {
		t.Errorf("the unknown send should be shown:\n%s", s)
	}
	m2 = press(t, m2, "w")
	if s := screenText(m2); !strings.Contains(s, "1 send to settle (!)") {
		t.Errorf("the week screen should show it too:\n%s", s)
	}
}

func TestChecksUseTheDestinationsLimits(t *testing.T) {
	posts := []store.Post{{
		Title: "Affiche", Body: strings.Repeat("Des nouvelles de la ville. ", 45), Link: "https://www.valbourg.fr/a",
		Category: "event", Image: "affiche.png", Alt: "l'affiche", Status: store.StatusReady, Created: testNow,
	}}
	m := newTestModel(t, "en", 120, 40, posts)
	m.dispatcher = &sender.Dispatcher{Store: m.st, Settings: m.settings, Backends: map[string]sender.Backend{
		"telegram": sender.NewTelegram("token", "@valbourg", "http://127.0.0.1:1", nil),
	}}
	p := mustPost(t, m, "Affiche")
	found := false
	for _, pr := range m.checks(p) {
		found = found || (pr.Code == message.CheckTooLong && strings.Contains(pr.Detail, "/1024"))
	}
	if !found {
		t.Errorf("a 1,200-character caption is over Telegram's photo limit: %+v", m.checks(p))
	}
}

// With --offline only the copy-and-paste back-end is built: a due send to
// another destination stays queued, untouched, and the desk says it waits
// for the network rather than that it needs checking.
func TestOfflineRunLeavesOtherDestinationsWaiting(t *testing.T) {
	m := weekModel(t)
	m.settings.Destinations = []settings.Destination{
		{Name: "manual", Kind: settings.KindManual},
		{Name: "hook", Kind: settings.KindWebhook, URL: "http://127.0.0.1:1/hook"},
	}
	m.dispatcher.Settings = m.settings
	m = press(t, m, "w", "]", "enter", "enter")

	// Nothing but the unreached destination: the run has nothing to paste.
	m.settings.Destinations = m.settings.Destinations[1:]
	m.dispatcher.Settings = m.settings
	m = press(t, m, "S", "y")
	if m.isError || !strings.Contains(m.message, "0 gone out, 1 waiting for the network, 0 to check") {
		t.Fatalf("after an offline run: %q (error %v)", m.message, m.isError)
	}
	if s := screenText(m); !strings.Contains(s, "hook: queued") {
		t.Errorf("the week should show the send still queued:\n%s", s)
	}
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusPlanned {
		t.Errorf("a waiting send leaves the post %s", p.Status)
	}
	sends, err := m.st.Sends(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var queued []store.Send
	for _, s := range sends {
		if s.State == store.SendQueued {
			queued = append(queued, s)
		}
	}
	if len(queued) != 1 || queued[0].Destination != "hook" || len(queued[0].Attempts) != 0 {
		t.Errorf("the offline send should stay queued without an attempt: %+v", sends)
	}
}

// An urgent send of a planned post goes now instead of at its slot: the
// slot's sends are cancelled with the same commit that queues it.
func TestUrgentSendOfAPlannedPost(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "]", "enter", "enter", "esc")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusPlanned {
		t.Fatalf("not planned: %s", p.Status)
	}
	m = press(t, m, "G", "U")
	m = typeText(t, m, "Storm: collection cancelled")
	m = press(t, m, "enter")
	if m.isError || !strings.Contains(m.message, "ready to paste") {
		t.Fatalf("after the urgent send: %q", m.message)
	}
	sends, err := m.st.Sends(p.ID)
	if err != nil || len(sends) != 2 {
		t.Fatalf("sends: %+v %v", sends, err)
	}
	if sends[0].State != store.SendCancelled || sends[0].Urgent || !sends[1].Urgent || sends[1].State == store.SendQueued {
		t.Errorf("the slot's send should give way to the urgent one: %+v", sends)
	}
}

// A planned post edited after its validation leaves its slot, and
// validating the correction puts it back there, queued again.
func TestEditedPlannedPostReturnsToItsSlotWhenValidated(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "j", "enter", "enter") // planned on Thursday
	p := mustPost(t, m, "Collecte des déchets décalée")
	thursday := p.PlannedFor()
	if p.Status != store.StatusPlanned {
		t.Fatalf("planned: %s", p.Status)
	}
	p.Body += " Merci de votre compréhension."
	if _, err := m.st.SavePost(p); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "esc")
	m = send(t, m, m.loadCmd()())
	m.backlog.selectID(p.ID)
	m = press(t, m, "v", "y")
	if !strings.Contains(m.message, "validated, and back in its slot: Thu 26 Nov 12:00") {
		t.Fatalf("message = %q", m.message)
	}
	p = mustPost(t, m, p.Title)
	if p.Status != store.StatusPlanned || !p.PlannedFor().Equal(thursday) {
		t.Fatalf("after validating again: %s at %v", p.Status, p.PlannedFor())
	}
	queued := 0
	sends, _ := m.st.Sends(p.ID)
	for _, s := range sends {
		if s.State == store.SendQueued && s.At.Equal(thursday) {
			queued++
		}
	}
	if queued != len(m.settings.DestinationNames()) {
		t.Fatalf("%d sends queued at the slot, want %d", queued, len(m.settings.DestinationNames()))
	}
}

// A key pressed after ] or [ and before the other week's rows arrive
// acts on nothing: enter used to plan the post into a slot of the week
// left, while the title already named the other one.
func TestWeekKeysWaitForTheWeekShown(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w")
	next, load := m.Update(keyMsg("]"))
	m = next.(Model)
	if s := screenText(m); !strings.Contains(s, "Week 49") || !strings.Contains(s, "Reading the week") || strings.Contains(s, "free slot") {
		t.Fatalf("before its rows arrive, week 49 shows:\n%s", s)
	}
	m = press(t, m, "enter", "enter")
	if m.week.picker != nil {
		t.Fatal("enter opened the picker on a slot of the week left")
	}
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusValidated {
		t.Fatalf("enter planned the post (%s at %v) before week 49's rows arrived", p.Status, p.PlannedFor())
	}
	m = run(t, m, load)
	if len(m.week.rows) != 3 || m.week.rows[0].at.Day() != 1 {
		t.Fatalf("week 49's rows: %+v", m.week.rows)
	}
	m = press(t, m, "enter", "enter")
	if p := mustPost(t, m, "Collecte des déchets décalée"); !p.PlannedFor().Equal(m.week.rows[0].at) {
		t.Errorf("planned at %v, want week 49's first slot %v", p.PlannedFor(), m.week.rows[0].at)
	}
}

// The cursor's row stays on screen however many slots the week has.
func TestWeekKeepsTheCursorRowInView(t *testing.T) {
	m := weekModel(t)
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	m.settings.Week.Slots = nil
	for _, day := range days {
		for h := 8; h < 20; h++ {
			m.settings.Week.Slots = append(m.settings.Week.Slots, fmt.Sprintf("%s %02d:00", day, h))
		}
	}
	m = press(t, m, "w")
	if len(m.week.rows) != 84 {
		t.Fatalf("%d rows, want 84", len(m.week.rows))
	}
	for _, steps := range []int{10, 40, 33} {
		for range steps {
			m = press(t, m, "j")
		}
		row := m.week.rows[m.week.row.cursor].at.In(m.loc)
		want := "▌  " + m.t.ShortDate(row) + " " + row.Format("15:04")
		if s := screenText(m); !strings.Contains(s, want) {
			t.Fatalf("row %d (%s) is not on screen:\n%s", m.week.row.cursor, want, s)
		}
	}
	m = press(t, m, "k")
	if s := screenText(m); !strings.Contains(s, "▌  Sun 29 Nov 18:00") || !strings.Contains(s, "Sun 29 Nov 19:00") {
		t.Errorf("up from the last row:\n%s", screenText(m))
	}
}
