package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"crieur/meeting"
	"crieur/sender"
	"crieur/store"
)

// cityFeed is the city's news as its site serves it.
const cityFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valbourg</title>
<item><title><![CDATA[Piscine : fermeture technique]]></title><link>%[1]s/piscine?utm_source=rss</link><guid>1</guid>
<pubDate>Tue, 01 Dec 2026 09:30:00 +0100</pubDate><description><![CDATA[<p>La piscine <b>ferme</b>.</p>]]></description></item>
<item><title>March&#233; de No&#235;l</title><link>%[1]s/marche</link><guid>2</guid></item>
</channel></rss>`

func (d *desk) settingsFile(extra string) {
	d.t.Helper()
	if err := os.MkdirAll(filepath.Dir(d.cfg), 0o700); err != nil {
		d.t.Fatal(err)
	}
	if err := os.WriteFile(d.cfg, []byte("[desk]\nname = \"Camille\"\n"+extra), 0o600); err != nil {
		d.t.Fatal(err)
	}
}

// TestFeedsFromTheCommandLine fetches a city's feed and a broken one,
// in French: the good feed's line, the broken one named on one line of
// stderr, exit status 1, the ideas in the backlog; a second fetch adds
// nothing; crieur feeds says what each gave.
func TestFeedsFromTheCommandLine(t *testing.T) {
	var site *httptest.Server
	site = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/actualites.rss":
			fmt.Fprintf(w, cityFeed, site.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	d := newDesk(t)
	d.settingsFile(fmt.Sprintf("[[feed]]\nname = \"Site de la ville\"\nurl = %q\n[[feed]]\nname = \"Magazine\"\nurl = %q\n",
		site.URL+"/actualites.rss", site.URL+"/magazine.rss"))

	if out := d.ok("", "--lang", "fr", "feeds"); strings.Count(out, "jamais lu") != 2 {
		t.Errorf("feeds before any reading:\n%s", out)
	}
	r := d.run("", "--lang", "fr", "feeds", "fetch")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (one feed failed)\n%s%s", r.code, r.stdout, r.stderr)
	}
	if want := "Site de la ville\u00a0: 2 idées ajoutées, 0 déjà là\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "Magazine\u00a0: le serveur répond 404") || !strings.Contains(lines[1], "1 flux n’a pas pu être lu") {
		t.Errorf("stderr %q", r.stderr)
	}
	list := d.ok("", "list", "--status", "idea")
	if !strings.Contains(list, "Piscine : fermeture technique") || !strings.Contains(list, "Marché de Noël") {
		t.Errorf("the ideas are not listed:\n%s", list)
	}

	r = d.run("", "--lang", "en", "feeds", "fetch")
	if r.code != 1 || r.stdout != "Site de la ville: 0 ideas added, 2 already there\n" {
		t.Errorf("second fetch: exit %d, %q", r.code, r.stdout)
	}
	out := d.ok("", "--lang", "fr", "feeds")
	if !strings.Contains(out, "0 idée ajoutée, 2 déjà là · 2 idées en tout") || !strings.Contains(out, "échec le") || !strings.Contains(out, "(2 fois de suite)") {
		t.Errorf("feeds after two readings:\n%s", out)
	}

	if r := d.run("", "feeds", "pull"); r.code != 2 {
		t.Errorf("an unknown subcommand: exit %d", r.code)
	}
}

// planned is a data file with a meeting this week: three topics in the
// next three slots (one already validated, so queued), one put off, one
// dropped.
type plannedDesk struct {
	*desk
	meetingAt time.Time
	slots     []time.Time
	titles    []string
}

func newPlannedDesk(t *testing.T) *plannedDesk {
	d := &plannedDesk{desk: newDesk(t)}
	d.settingsFile("[[member]]\nname = \"Camille\"\nrole = \"admin\"\n[[member]]\nname = \"Léa\"\nrole = \"validator\"\n")
	conf := d.loadSettings(t)
	loc := conf.Location()
	now := time.Now().In(loc).Truncate(time.Minute)
	d.meetingAt = now
	for w := store.WeekOf(now, loc); len(d.slots) < 3; w = w.Next() {
		for _, s := range conf.Slots() {
			if at := w.SlotTime(s.Weekday, s.Hour, s.Minute, loc); at.After(now.Add(conf.LeadTime()+time.Minute)) && len(d.slots) < 3 {
				d.slots = append(d.slots, at)
			}
		}
	}
	st, err := store.Open(d.db, store.Options{Hash: func(p store.Post) string { return sender.Seal(p, conf) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveMeeting(now, []string{"Camille", "Léa"}, "Camille"); err != nil {
		t.Fatal(err)
	}
	d.titles = []string{"Piscine, horaires; hiver", "Collecte des sapins", "Marché de Noël", "Travaux rue Haute", "Fête des lumières"}
	rule := store.PlanRule{Destinations: conf.DestinationNames(), Lead: conf.LeadTime()}
	for i, title := range d.titles {
		p, err := st.SavePost(store.Post{Title: title, Body: title + ".", Link: "https://www.valbourg.fr/" + fmt.Sprint(i), Category: "service", Status: store.StatusDraft})
		if err != nil {
			t.Fatal(err)
		}
		var topic store.Topic
		switch {
		case i < 3:
			topic = store.Topic{Decision: store.DecideThisWeek, Slot: d.slots[i], Writer: []string{"Léa", "Camille", "Léa"}[i], Angle: "l’essentiel, en deux lignes"}
		case i == 3:
			topic = store.Topic{Decision: store.DecideLater, Week: store.WeekOf(now, loc).Next().Next().String()}
		default:
			topic = store.Topic{Decision: store.DecideDropped, Reason: "déjà annoncé"}
		}
		topic.By = "Camille"
		if p, _, err = st.Decide(now, p.ID, topic, rule); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if _, q, err := st.ValidateAndQueue(p.ID, p.Rev, "Léa", rule); err != nil || !q.Queued {
				t.Fatalf("validate: %+v %v", q, err)
			}
		}
	}
	return d
}

func TestMinutesFromTheCommandLine(t *testing.T) {
	d := newPlannedDesk(t)
	out := d.ok("", "--lang", "fr", "minutes")
	for _, want := range []string{
		"# Réunion de rédaction du ",
		"**Présents**\u00a0: Camille, Léa",
		"## Décidé pour la semaine",
		"| Créneau | Sujet | Rédaction | Angle | Lien |",
		"| Piscine, horaires; hiver | Léa | l’essentiel, en deux lignes | https://www.valbourg.fr/0 |",
		"## Reporté", "- Travaux rue Haute → semaine ",
		"## Abandonné", "- Fête des lumières\u00a0: déjà annoncé",
		"## Les créneaux", "Collecte des sapins (planifié)", "réservé\u00a0: Marché de Noël — Léa",
		"## Résultats de la semaine passée", "_Rien n’est parti la semaine passée._",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the minutes lack %q:\n%s", want, out)
		}
	}
	// A week with no meeting: its page, said so, exit 0.
	other := store.WeekOf(d.meetingAt, d.meetingAt.Location()).Next().Next().Next().String()
	out = d.ok("", "--lang", "en", "minutes", "--week", other)
	if !strings.Contains(out, "_No meeting was recorded for week ") || !strings.Contains(out, "## The slots") || strings.Count(out, " — free") != 3 {
		t.Errorf("a week without a meeting:\n%s", out)
	}
	if r := d.run("", "--lang", "fr", "minutes", "--week", "2026-50"); r.code != 2 || !strings.Contains(r.stderr, "2026-W50") {
		t.Errorf("a bad week: exit %d, %q", r.code, r.stderr)
	}
	// No data file: the week's page all the same.
	empty := newDesk(t)
	if out := empty.ok("", "--lang", "fr", "minutes"); !strings.Contains(out, "Aucune réunion n’a été enregistrée") {
		t.Errorf("no data file:\n%s", out)
	}
	if _, err := os.Stat(empty.db); err == nil {
		t.Error("minutes created the data file")
	}
}

// TestCalendarReadsBackStrictly prints the calendar and reads it back as
// strictly as RFC 5545 asks: CRLF line ends only, lines of at most 75
// octets, folded lines starting with one space, then a parser of its own
// (not the one that wrote it) for the events, their ids, times and text.
func TestCalendarReadsBackStrictly(t *testing.T) {
	d := newPlannedDesk(t)
	text := d.ok("", "--lang", "fr", "calendar", "--weeks", "3")
	cal := strictICal(t, text)
	loc, _ := time.LoadLocation("Europe/Paris")

	var tzids []string
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			tzids = append(tzids, c.Props.Get(goical.PropTimezoneID).Value)
		}
	}
	if len(tzids) != 1 || tzids[0] != "Europe/Paris" {
		t.Fatalf("time zones %v", tzids)
	}
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events, want the three decided slots\n%s", len(events), text)
	}
	for i, ev := range events {
		uid := ev.Props.Get(goical.PropUID).Value
		if uid != meeting.SlotUID(d.slots[i]) {
			t.Errorf("event %d: uid %q", i, uid)
		}
		start := ev.Props.Get(goical.PropDateTimeStart)
		if start.Params.Get(goical.PropTimezoneID) != "Europe/Paris" {
			t.Errorf("event %d: DTSTART without the desk's zone: %+v", i, start)
		}
		at, err := start.DateTime(loc)
		if err != nil || !at.Equal(d.slots[i]) {
			t.Errorf("event %d: starts %v (%v), want %v", i, at, err, d.slots[i])
		}
		summary, err := ev.Props.Get(goical.PropSummary).Text()
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Réservé\u00a0: Piscine, horaires; hiver — Léa", "Collecte des sapins", "Réservé\u00a0: Marché de Noël — Léa"}[i]
		if summary != want {
			t.Errorf("event %d: summary %q, want %q", i, summary, want)
		}
		desc, err := ev.Props.Get(goical.PropDescription).Text()
		if err != nil || !strings.Contains(desc, "\nAngle\u00a0: l’essentiel, en deux lignes\n") {
			t.Errorf("event %d: description %q", i, desc)
		}
	}
	// The same slots, exported again, keep their ids.
	again := strictICal(t, d.ok("", "--lang", "en", "calendar", "--weeks", "3"))
	for i, ev := range again.Events() {
		if ev.Props.Get(goical.PropUID).Value != events[i].Props.Get(goical.PropUID).Value {
			t.Errorf("event %d changed its id", i)
		}
	}
	if r := d.run("", "calendar", "--weeks", "0"); r.code != 2 {
		t.Errorf("--weeks 0: exit %d", r.code)
	}
}

// strictICal checks the lines of an iCalendar text as RFC 5545 writes
// them, then parses it.
func strictICal(t *testing.T, text string) *goical.Calendar {
	t.Helper()
	if !strings.HasSuffix(text, "\r\n") {
		t.Fatal("the calendar does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if i == 0 && line != "BEGIN:VCALENDAR" {
			t.Fatalf("first line %q", line)
		}
		if i == 0 && strings.HasPrefix(line, " ") {
			t.Errorf("the first line is a continuation: %q", line)
		}
		for _, r := range line {
			if r < 0x20 && r != '\t' || r == 0x7f {
				t.Errorf("line %d holds a control character: %q", i+1, line)
			}
		}
	}
	cal, err := goical.NewDecoder(bytes.NewReader([]byte(text))).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, text)
	}
	if v := cal.Props.Get(goical.PropVersion); v == nil || v.Value != "2.0" {
		t.Errorf("VERSION %+v", v)
	}
	if p := cal.Props.Get(goical.PropProductID); p == nil || p.Value == "" {
		t.Error("no PRODID")
	}
	seen := map[string]bool{}
	for _, ev := range cal.Events() {
		uid := ev.Props.Get(goical.PropUID)
		if uid == nil || seen[uid.Value] || ev.Props.Get(goical.PropDateTimeStamp) == nil {
			t.Errorf("an event without its own UID or DTSTAMP: %+v", ev.Props)
			continue
		}
		seen[uid.Value] = true
	}
	return cal
}
