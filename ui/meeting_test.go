package ui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"crieur/meeting"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// meetingSettings are the default settings with a team of three and the
// city's two feeds (never read: the test desk is offline).
func meetingSettings() settings.Settings {
	s := settings.Default()
	s.Desk.Name = "Camille"
	s.Members = []settings.Member{
		{Name: "Camille", Role: settings.RoleAdmin},
		{Name: "Léa", Role: settings.RoleValidator},
		{Name: "Sam", Role: settings.RoleWriter},
	}
	s.Feeds = []settings.Feed{
		{Name: "Site de la ville", URL: "http://127.0.0.1:9/actualites.rss"},
		{Name: "Magazine", URL: "http://127.0.0.1:9/magazine.rss"},
	}
	return s
}

// feedIdeas are ideas the two feeds brought, with their dates and notes.
func feedIdeas() []store.Post {
	at := func(days int) time.Time { return testNow.Add(time.Duration(-days) * 24 * time.Hour) }
	return []store.Post{
		{Title: "Piscine : fermeture technique", Link: "https://www.valbourg.fr/piscine-fermeture", Source: "Site de la ville", SourceDate: at(1), Created: at(1), Notes: "La piscine **ferme** deux semaines pour vidange."},
		{Title: "Concertation sur le plan vélo", Link: "https://www.valbourg.fr/plan-velo", Source: "Site de la ville", SourceDate: at(3), Created: at(3)},
		{Title: "Portrait : la fromagère du marché", Link: "https://magazine.valbourg.fr/fromagere", Source: "Magazine", SourceDate: at(2), Created: at(2), Notes: "Un portrait pour le numéro de décembre."},
	}
}

// meetingPosts are the fixture and the feeds' ideas; an English desk's
// show no words of the French catalogue (a category's, a count's), so
// that its screens speak one language.
func meetingPosts(lang string) []store.Post {
	posts := append(fixture(), feedIdeas()...)
	if lang != "fr" {
		for i := range posts {
			switch {
			case strings.HasPrefix(posts[i].Title, "Tempête"):
				posts[i].Title = "Storm: orange wind warning 🌬️"
			case posts[i].Source != "":
				posts[i].Notes = ""
			}
		}
	}
	return posts
}

// sentPosts are posts that went out from the slots of the last weeks,
// with their figures: read from the channel, typed in, or none. Each is
// planned the day before its slot and sent at its time, on the clock the
// store reads, which is back at testNow after.
func sentPosts(t testing.TB, st *store.Store, loc *time.Location, c *clock) {
	t.Helper()
	defer c.set(testNow)
	for i, p := range []store.Post{
		{Title: "Collecte des sapins", Category: "practical"},
		{Title: "Fête des lumières", Category: "event"},
		{Title: "Nouveaux horaires de la mairie", Category: "service"},
	} {
		p.Status, p.Body, p.Link = store.StatusReady, p.Title+".", "https://www.valbourg.fr/"+fmt.Sprint(i)
		saved, err := st.Import([]store.Post{p}, store.RevImport)
		if err != nil {
			t.Fatal(err)
		}
		v, err := st.Validate(saved[0].ID, saved[0].Rev, "Camille")
		if err != nil {
			t.Fatal(err)
		}
		at := store.WeekOf(testNow, loc).Prev().SlotTime([]time.Weekday{time.Tuesday, time.Thursday, time.Saturday}[i], 10, 0, loc)
		c.set(at.Add(-24 * time.Hour))
		if _, _, err := st.PlanAndQueue(v.ID, at, []string{"manual"}); err != nil {
			t.Fatal(err)
		}
		sends, err := st.Sends(v.ID)
		if err != nil || len(sends) != 1 {
			t.Fatalf("sends %v %v", sends, err)
		}
		c.set(at.Add(time.Minute))
		if _, _, err := st.BeginSend(sends[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FinishSend(sends[0].ID, store.SendSent, "", store.Failure{}); err != nil {
			t.Fatal(err)
		}
		switch i {
		case 0:
			err = st.SetStats(v.ID, store.PostStats{Views: 2480, Reactions: map[string]int{"👍": 31}, At: testNow})
		case 1:
			err = st.SetTypedViews(v.ID, 910)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// clock is a desk's and its store's time, moved by the test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// meetingModel is the desk of a team with ideas from the feeds and
// results from the last weeks, sized, in a dark terminal, on testNow.
func meetingModel(t testing.TB, lang string, w, h int) Model {
	m, _ := meetingModelAt(t, lang, w, h)
	return m
}

// meetingModelAt is meetingModel with the clock the desk and its store
// share, and a copy-and-paste destination, so validated posts are queued.
func meetingModelAt(t testing.TB, lang string, w, h int) (Model, *clock) {
	t.Helper()
	c := &clock{now: testNow}
	s := meetingSettings()
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{
		Now:  c.Now,
		Hash: func(p store.Post) string { return sender.Seal(p, s) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(meetingPosts(lang), store.RevImport); err != nil {
		t.Fatal(err)
	}
	sentPosts(t, st, s.Location(), c)
	m := New(Config{Store: st, Settings: s, Lang: lang, Now: c.Now, Autosave: -1})
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = sendWithin(t, m, m.loadCmd()(), storeWait)
	return sendWithin(t, m, m.loadStatsCmd()(), storeWait), c
}

// storeWait is how long the meeting's flows wait for the store's answers:
// none of their commands is a timer.
const storeWait = 20 * time.Second

// mpress presses keys on a desk whose commands are the store's work,
// waiting for each answer however long a loaded machine takes.
func mpress(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = sendWithin(t, m, keyMsg(k), storeWait)
	}
	return m
}

// mtype types text as mpress presses keys.
func mtype(t testing.TB, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		m = sendWithin(t, m, tea.KeyPressMsg{Code: r, Text: string(r)}, storeWait)
	}
	return m
}

// openMeeting opens the meeting with Camille and Léa there.
func openMeeting(t testing.TB, m Model) Model {
	t.Helper()
	m = mpress(t, m, "M")
	if m.screen != screenMeeting || m.meeting.step != stepAttendees {
		t.Fatalf("M does not open the meeting on who is there: %d", m.screen)
	}
	m = mpress(t, m, "j", "space", "enter")
	if m.meeting.step != stepAgenda || !m.meeting.recorded {
		t.Fatalf("enter does not start the meeting:\n%s", screenText(m))
	}
	return m
}

// topicLine is the agenda's line index of the topic titled title.
func topicLine(t testing.TB, m Model, title string) int {
	t.Helper()
	for i, l := range m.meeting.lines {
		if l.topic() && l.post.Title == title {
			return i
		}
	}
	t.Fatalf("no topic %q on the agenda:\n%s", title, screenText(m))
	return -1
}

// onTopic moves the agenda's cursor to the topic titled title.
func onTopic(t testing.TB, m Model, title string) Model {
	t.Helper()
	want := topicLine(t, m, title)
	for range len(m.meeting.lines) {
		switch c := m.meeting.topics.cursor; {
		case c < want:
			m = mpress(t, m, "j")
		case c > want:
			m = mpress(t, m, "k")
		default:
			return m
		}
	}
	t.Fatalf("the cursor never reaches %q", title)
	return m
}

// The agenda lists the topics by source, the team's own ideas first, then
// each feed of the settings, each newest first; beside them the slots of
// the seven days to come and what went out over the last weeks.
func TestMeetingAgendaBySource(t *testing.T) {
	m := openMeeting(t, meetingModel(t, "fr", 80, 24))
	var order []string
	for _, l := range m.meeting.lines {
		switch {
		case l.header:
			order = append(order, "#"+l.source)
		case l.topic():
			order = append(order, l.post.Title)
		}
	}
	want := []string{
		"#", "École Jules-Ferry : travaux 🚧", "Tempête : alerte orange vent 🌬️", "Piscine fermée pour vidange",
		"Médiathèque : nouveaux horaires 📚", "Collecte des déchets décalée",
		"#Site de la ville", "Piscine : fermeture technique", "Concertation sur le plan vélo",
		"#Magazine", "Portrait : la fromagère du marché",
	}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("the agenda:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
	s := screenText(m)
	for _, w := range []string{
		"Présents\u00a0: Camille, Léa", "8 sujets", "Vos idées", "Site de la ville", "Magazine",
		"Créneaux des 7 jours", "jeu. 26 nov. 12:00", "sam. 28 nov. 10:00", "mar. 1 déc. 09:00",
		"Résultats, 4 semaines", "2\u202f480 vues", "910 vues", "pas de chiffres", "Par catégorie", "✎ vues saisies",
		"Réunion du mardi 24 novembre 10:00",
	} {
		if !strings.Contains(s, w) {
			t.Errorf("the meeting lacks %q:\n%s", w, s)
		}
	}
}

// A key each: this week (a slot, a writer, the angle), later (a week),
// dropped (a reason). Each decision is in the file: the post's topic, an
// event in its history, the meeting's record, the slot reserved.
func TestMeetingDecidesTopics(t *testing.T) {
	m := openMeeting(t, meetingModel(t, "fr", 80, 24))
	d := &m.desk
	m = onTopic(t, m, "Piscine : fermeture technique")
	m = mpress(t, m, "s")
	if m.meeting.step != stepSlot || len(m.meeting.choices) != 3 {
		t.Fatalf("s offers %d slots:\n%s", len(m.meeting.choices), screenText(m))
	}
	m = mpress(t, m, "j", "enter") // Saturday 10:00
	if m.meeting.step != stepWriter || m.meeting.choices[0].name != "Camille" || m.meeting.choices[2].name != "Sam" {
		t.Fatalf("the writers, those here first: %+v", m.meeting.choices)
	}
	m = mpress(t, m, "j", "enter") // Léa
	m = mtype(t, m, "Deux semaines sans bassin : où nager")
	m = mpress(t, m, "enter")
	says(t, m, "«\u00a0Piscine : fermeture technique\u00a0»\u00a0: cette semaine, samedi 10:00, écrit par Léa.")
	sat := time.Date(2026, 11, 28, 10, 0, 0, 0, d.loc)
	p := mustPost(t, m, "Piscine : fermeture technique")
	if tp := p.Topic; !tp.Approved() || !tp.Slot.Equal(sat) || tp.Writer != "Léa" || tp.Angle != "Deux semaines sans bassin : où nager" ||
		strings.Join(tp.Attendees, ",") != "Camille,Léa" || tp.By != "Camille" {
		t.Errorf("the topic: %+v", tp)
	}
	if r, err := m.st.Reservations(sat, sat.Add(time.Minute)); err != nil || len(r) != 1 || r[0].Post.ID != p.ID {
		t.Errorf("Saturday's slot is not reserved: %+v %v", r, err)
	}
	if !strings.Contains(screenText(m), "✓ sam. 10:00 · Léa") || !strings.Contains(screenText(m), "réservé\u00a0: Piscine") {
		t.Errorf("the agenda does not show the decision:\n%s", screenText(m))
	}

	// Later: the next week but one.
	m = onTopic(t, m, "Concertation sur le plan vélo")
	m = mpress(t, m, "p", "j", "enter")
	says(t, m, "reporté à la semaine 50")
	if tp := mustPost(t, m, "Concertation sur le plan vélo").Topic; tp == nil || tp.Decision != store.DecideLater || tp.Week != "2026-W50" {
		t.Errorf("put off: %+v", tp)
	}

	// Dropped, for a reason: enter without one waits for it.
	m = onTopic(t, m, "Portrait : la fromagère du marché")
	m = mpress(t, m, "a", "enter")
	if m.meeting.step != stepReason {
		t.Fatal("a topic is dropped without a reason")
	}
	m = mtype(t, m, "déjà dans le magazine")
	m = mpress(t, m, "enter")
	says(t, m, "abandonné et archivé")
	dropped := mustPost(t, m, "Portrait : la fromagère du marché")
	if dropped.Status != store.StatusArchived || dropped.Topic.Reason != "déjà dans le magazine" {
		t.Errorf("dropped: %s %+v", dropped.Status, dropped.Topic)
	}
	// Still on this meeting's agenda, marked, and no longer decidable.
	m = onTopic(t, m, "Portrait : la fromagère du marché")
	if k := m.meeting.agendaKeys(&m.desk); k.ThisWeek.Enabled() || !strings.Contains(screenText(m), "✗ abandonné") {
		t.Errorf("a dropped topic offers to be decided again:\n%s", screenText(m))
	}

	rec, err := m.st.Meeting(m.meeting.at)
	if err != nil || len(rec.Decisions) != 3 {
		t.Fatalf("the meeting's record: %+v %v", rec, err)
	}
	events, _ := m.st.Events(p.ID)
	if last := events[len(events)-1]; last.Kind != store.EventDecided || last.Topic == nil || last.Topic.Writer != "Léa" {
		t.Errorf("the post's last event: %+v", last)
	}
	// The history names the decision.
	m = mpress(t, m, "esc")
	m = mpress(t, m, "/")
	m = mtype(t, m, "fermeture technique")
	m = mpress(t, m, "enter", "r")
	if s := screenText(m); !strings.Contains(s, "décision de") {
		t.Errorf("the history does not name the decision's revision:\n%s", s)
	}
	m = mpress(t, m, "g")
	e, _ := m.history.selected()
	detail := ansiStrip(m.historyDetail(e, 200, 20))
	for _, want := range []string{"⚑ réunion du mardi 24 novembre\u00a0: cette semaine, sam. 28 nov. 10:00, écrit par Léa",
		"Présents\u00a0: Camille, Léa", "Angle\u00a0: Deux semaines sans bassin : où nager"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the history's detail lacks %q:\n%s", want, detail)
		}
	}
}

// Esc leaves a decision half made without deciding anything; a slot
// another topic holds cannot be chosen.
func TestMeetingStepsCancelAndTakenSlots(t *testing.T) {
	m := openMeeting(t, meetingModel(t, "en", 100, 30))
	m = onTopic(t, m, "Piscine : fermeture technique")
	m = mpress(t, m, "s", "enter", "enter", "esc")
	if m.meeting.step != stepAgenda || mustPost(t, m, "Piscine : fermeture technique").Topic != nil {
		t.Fatal("esc on the angle decided something")
	}
	m = mpress(t, m, "s", "enter", "enter", "enter") // Thursday, Camille, no angle
	m = onTopic(t, m, "Concertation sur le plan vélo")
	m = mpress(t, m, "s")
	if c := m.meeting.choices[0]; !c.off || !strings.Contains(c.note, "taken: Piscine") || m.meeting.choice.cursor != 1 {
		t.Fatalf("Thursday, reserved for another topic: %+v, cursor %d", c, m.meeting.choice.cursor)
	}
	m = mpress(t, m, "k", "enter")
	says(t, m, "That slot already has its post.")
	if m.meeting.step != stepSlot {
		t.Error("a taken slot was chosen")
	}
}

// Figures typed in for a post the channel gives none for; a post whose
// figures the channel reported takes none.
func TestMeetingTypedViews(t *testing.T) {
	m := openMeeting(t, meetingModel(t, "fr", 80, 24))
	m = mpress(t, m, "tab")
	if !m.meeting.focusResults {
		t.Fatal("tab does not go to the results")
	}
	if r, _ := m.meeting.selectedResult(); r.Post.Title != "Nouveaux horaires de la mairie" {
		t.Fatalf("the first result is %q", r.Post.Title)
	}
	m = mpress(t, m, "i")
	m = mtype(t, m, "douze")
	m = mpress(t, m, "enter")
	says(t, m, "Un nombre de vues")
	m = mpress(t, m, "esc", "i")
	m = mtype(t, m, "1 240")
	m = mpress(t, m, "enter")
	says(t, m, "«\u00a0Nouveaux horaires de la mairie\u00a0»\u00a0: 1\u202f240 vues.")
	id := mustPost(t, m, "Nouveaux horaires de la mairie").ID
	if st, ok, err := m.st.PostStats(id); err != nil || !ok || st.Views != 1240 || !st.Typed {
		t.Errorf("the typed views: %+v %v %v", st, ok, err)
	}
	if !strings.Contains(screenText(m), "1\u202f240 vues") {
		t.Errorf("the chart does not show them:\n%s", screenText(m))
	}
	m = mpress(t, m, "G") // Collecte des sapins: read from the channel
	if k := m.meeting.agendaKeys(&m.desk); k.TypeViews.Enabled() {
		t.Error("views can be typed over the channel's own")
	}
}

// The minutes, drawn by glamour on the screen, and written to the file
// to send: the same Markdown as crieur minutes prints.
func TestMeetingMinutes(t *testing.T) {
	m := openMeeting(t, meetingModel(t, "fr", 100, 30))
	m = onTopic(t, m, "Piscine : fermeture technique")
	m = mpress(t, m, "s", "enter", "j", "enter")
	m = mtype(t, m, "où nager")
	m = mpress(t, m, "enter", "m")
	if m.meeting.step != stepMinutes || !m.meeting.minutesReady {
		t.Fatalf("m does not show the minutes:\n%s", screenText(m))
	}
	s := screenText(m)
	for _, w := range []string{"Réunion de rédaction du mardi 24 novembre 10:00", "Camille, Léa", "Décidé pour la semaine", "où nager"} {
		if !strings.Contains(s, w) {
			t.Errorf("the minutes on screen lack %q:\n%s", w, s)
		}
	}
	if !strings.Contains(s, "│") || !strings.Contains(s, "• samedi 28 novembre 10:00") || strings.Contains(s, "**") || strings.Contains(s, "|---") {
		t.Errorf("the minutes are not drawn:\n%s", s)
	}
	m = mpress(t, m, "w")
	path := filepath.Join(filepath.Dir(m.st.Path()), "minutes", "2026-W48.md")
	says(t, m, "Compte rendu écrit dans "+path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page, err := meeting.Read(m.st, m.settings, store.WeekOf(testNow, m.loc))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != page.Markdown(m.t, m.loc) {
		t.Errorf("the file is not the minutes:\n%s", data)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the file's mode: %v %v", info, err)
	}
	m = mpress(t, m, "esc")
	if m.meeting.step != stepAgenda {
		t.Error("esc does not go back to the agenda")
	}
}

// A post written for a topic decided this week goes into its reserved
// slot when validated, and the desk says when it goes out.
func TestValidationQueuesIntoTheReservedSlot(t *testing.T) {
	m, _ := meetingModelAt(t, "fr", 100, 30)
	m.dispatcher = copyPasteDispatcher(t, m)
	m = openMeeting(t, m)
	m = onTopic(t, m, "Collecte des déchets décalée")
	m = mpress(t, m, "s", "enter", "j", "enter", "enter") // Thursday, Léa
	m = mpress(t, m, "esc", "/")
	m = mtype(t, m, "déchets déc")
	m = mpress(t, m, "enter", "v", "o")
	says(t, m, "«\u00a0Collecte des déchets décalée\u00a0» validée\u00a0: part jeudi 12:00.")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusPlanned || !p.Slot.Equal(time.Date(2026, 11, 26, 12, 0, 0, 0, m.loc)) {
		t.Fatalf("validated: %s at %v", p.Status, p.Slot)
	}
	if sends, _ := m.st.Sends(p.ID); len(sends) != 1 || sends[0].State != store.SendQueued {
		t.Errorf("sends: %+v", sends)
	}
	// The validation record says the meeting approved the topic.
	m = mpress(t, m, "p")
	if s := screenText(m); !strings.Contains(s, "sujet approuvé à la réunion du mardi 24 novembre (Camille,") || !strings.Contains(s, "Léa)\u00a0; texte validé par Camille") {
		t.Errorf("the preview does not tell the meeting's approval:\n%s", s)
	}
}

// Within the lead time before its reserved slot, a validated post is not
// queued: the desk says so, the title line warns and the week shows it
// until a person decides (here, releases the slot).
func TestLateReservationWarnsUntilDecided(t *testing.T) {
	m, c := meetingModelAt(t, "fr", 100, 30)
	m.dispatcher = copyPasteDispatcher(t, m)
	m = openMeeting(t, m)
	m = onTopic(t, m, "Collecte des déchets décalée")
	m = mpress(t, m, "s", "enter", "j", "enter")
	m = mtype(t, m, "les nouveaux jours")
	m = mpress(t, m, "enter", "esc")
	thu := time.Date(2026, 11, 26, 12, 0, 0, 0, m.loc)
	c.set(thu.Add(-2 * time.Hour)) // inside the 3 h lead
	m = mpress(t, m, "/")
	m = mtype(t, m, "déchets déc")
	m = mpress(t, m, "enter", "v", "o")
	says(t, m, "Validée, mais pas mise en file\u00a0: son créneau, jeudi 12:00, est passé ou à moins de 3\u00a0h.")
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusValidated {
		t.Fatalf("queued within the lead time: %s", p.Status)
	}
	if title := strings.Split(screenText(m), "\n")[0]; !strings.Contains(title, "⚠ 1 créneau réservé à décider") {
		t.Errorf("the title line does not warn: %q", title)
	}
	m = mpress(t, m, "esc", "w")
	s := screenText(m)
	if !strings.Contains(s, "réservé\u00a0: Collecte des déchets décalée — Léa") || !strings.Contains(s, "trop tard pour partir seule") {
		t.Errorf("the week does not show the late reservation:\n%s", s)
	}
	m = mpress(t, m, "j", "u")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "Libérer le créneau réservé") {
		t.Fatalf("u on the reserved slot: %+v", m.confirm)
	}
	m = mpress(t, m, "o")
	says(t, m, "libéré")
	if title := strings.Split(screenText(m), "\n")[0]; strings.Contains(title, "à décider") {
		t.Errorf("the warning stays once decided: %q", title)
	}
	if strings.Contains(screenText(m), "réservé\u00a0: Collecte") {
		t.Errorf("the week still shows the reservation:\n%s", screenText(m))
	}
}

// A planned post edited in its slot shows there to be validated again.
func TestWeekShowsPostsToValidateAgain(t *testing.T) {
	m := weekModel(t)
	m = mpress(t, m, "w", "j", "enter", "enter") // planned on Thursday
	p := mustPost(t, m, "Collecte des déchets décalée")
	p.Body += " Merci."
	if _, err := m.st.SavePost(p); err != nil {
		t.Fatal(err)
	}
	m = mpress(t, m, "]", "[", "j")
	s := screenText(m)
	if !strings.Contains(s, "to validate again") || !strings.Contains(s, "Collecte des déchets décalée") {
		t.Errorf("the week does not show the post to validate again:\n%s", s)
	}
	m = mpress(t, m, "enter")
	if m.screen != screenPreview {
		t.Error("enter on it does not open its preview, where it is validated")
	}
}

// F reads the feeds now; ideas they bring come onto the backlog and the
// agenda, under their feed's name. A feed that fails is named.
func TestFeedsKeyReadsIdeas(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/actualites.rss" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Valbourg</title>
<item><title>Déneigement : les rues prioritaires</title><link>https://www.valbourg.fr/deneigement</link><guid>d1</guid>
<pubDate>Tue, 24 Nov 2026 08:00:00 +0100</pubDate><description>Le plan &amp; ses priorités.</description></item>
</channel></rss>`)
	}))
	defer srv.Close()
	m := meetingModel(t, "fr", 100, 30)
	m.settings.Feeds = []settings.Feed{{Name: "Site de la ville", URL: srv.URL + "/actualites.rss"}, {Name: "Magazine", URL: srv.URL + "/magazine.rss"}}
	if k := m.backlog.keysNow(&m.desk); k.Feeds.Enabled() {
		t.Error("an offline desk offers to read the feeds")
	}
	m.feeds = srv.Client()
	m = openMeeting(t, m)
	m = mpress(t, m, "F")
	says(t, m, "Flux\u00a0: 1 idée ajoutée, 1 flux n’a pas pu être lu (Magazine\u00a0: le serveur répond 404 Not Found).")
	if m.feedsReading {
		t.Error("the desk still says it reads the feeds")
	}
	topicLine(t, m, "Déneigement : les rues prioritaires")
	if m.meeting.lines[topicLine(t, m, "Déneigement : les rues prioritaires")].source != "Site de la ville" {
		t.Error("the idea is not under its feed")
	}
	if summaryOf(m, mustPost(t, m, "Déneigement : les rues prioritaires").ID).Status() != store.StatusIdea {
		t.Error("the idea is not in the backlog")
	}
	// The periodic reading adds nothing new, and says nothing.
	m.message = ""
	m = sendWithin(t, m, feedsTick{}, storeWait)
	if m.message != "" || m.feedsReading {
		t.Errorf("a background reading with nothing new says %q", m.message)
	}
}

func ansiStrip(s string) string { return ansi.Strip(s) }

// copyPasteDispatcher sends to the copy-and-paste destination, its outbox
// in a temporary folder.
func copyPasteDispatcher(t testing.TB, m Model) *sender.Dispatcher {
	t.Helper()
	backends, err := sender.BuildBackends(m.settings, sender.Secrets{}, nil, filepath.Join(t.TempDir(), "outbox"))
	if err != nil {
		t.Fatal(err)
	}
	return &sender.Dispatcher{Store: m.st, Settings: m.settings, Backends: backends, Now: m.now}
}

// The meeting screen at two sizes, in French and in English, on dark and
// light terminals, with a topic decided each way.
func TestMeetingGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, lang := range []string{"fr", "en"} {
			for _, theme := range []string{"dark", "light"} {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], theme), func(t *testing.T) {
					m := meetingModel(t, lang, size[0], size[1])
					if theme == "light" {
						m = light(t, m)
					}
					m = openMeeting(t, m)
					m = onTopic(t, m, "Piscine : fermeture technique")
					m = mpress(t, m, "s", "j", "enter", "j", "enter")
					m = mtype(t, m, "Où nager pendant la vidange")
					m = mpress(t, m, "enter")
					m = onTopic(t, m, "Concertation sur le plan vélo")
					m = mpress(t, m, "p", "enter")
					m = onTopic(t, m, "Piscine fermée pour vidange")
					m = mpress(t, m, "a")
					m = mtype(t, m, "doublon")
					m = mpress(t, m, "enter")
					m = onTopic(t, m, "Piscine : fermeture technique")
					m.message = ""
					golden.RequireEqual(t, m.View().Content)
				})
			}
		}
	}
}

// On a terminal too small or very large, every step of the meeting stays
// inside the window.
func TestMeetingOnTinyAndHugeTerminals(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {1, 1}, {59, 12}, {300, 90}} {
		m := openMeeting(t, meetingModel(t, "fr", 100, 30))
		m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, keys := range [][]string{nil, {"tab"}, {"s"}, {"s", "enter", "enter"}, {"p"}, {"m"}, {"t"}} {
			v := mpress(t, m, keys...).View().Content
			lines := strings.Split(v, "\n")
			if len(lines) > max(size[1], 1) {
				t.Errorf("%dx%d %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d %v: a line of %d cells: %q", size[0], size[1], keys, w, ansi.Strip(l))
					break
				}
			}
		}
	}
}
