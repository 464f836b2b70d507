package main

import (
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
	"crieur/store"
)

// The Tuesday meeting through the real program, in French at 80x24: the
// city's site and magazine feeds (a local server) bring topics; the team
// ticks who is there, decides three topics into the week's three slots,
// puts one off and drops one; the minutes are written to their file. The
// posts are then written and validated, and each goes into the slot the
// meeting reserved for it. crieur minutes and crieur calendar print what
// was decided; the calendar is read back by a strict reader.
func TestEndToEndMeeting(t *testing.T) {
	skipIfShort(t)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(paris)
	// Three slots on the three days to come, at noon: far from the lead
	// time, all within the seven days the meeting plans.
	var slots []time.Time
	var slotNames []string
	for i := 1; i <= 3; i++ {
		day := now.AddDate(0, 0, i)
		slots = append(slots, time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, paris))
		slotNames = append(slotNames, fmt.Sprintf("%q", strings.ToLower(day.Weekday().String())+" 12:00"))
	}
	weekdayFR := []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

	item := func(title, link string, ago time.Duration) string {
		return fmt.Sprintf("<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description><![CDATA[<p>%s, <b>en bref</b>.</p>]]></description></item>",
			title, link, link, now.Add(-ago).Format(time.RFC1123Z), title)
	}
	feed := func(items ...string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Valbourg</title>` + strings.Join(items, "") + `</channel></rss>`
	}
	site := feed(
		item("Piscine : fermeture technique", "https://www.valbourg.example/piscine-fermeture", time.Hour),
		item("Collecte des sapins de Noël", "https://www.valbourg.example/sapins", 2*time.Hour),
		item("Concertation sur le plan vélo", "https://www.valbourg.example/plan-velo", 3*time.Hour),
	)
	magazine := feed(
		item("Portrait : la fromagère du marché", "https://magazine.valbourg.example/fromagere", 90*time.Minute),
		item("Patinoire du centre-ville", "https://magazine.valbourg.example/patinoire", 5*time.Hour),
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		switch r.URL.Path {
		case "/actualites.rss":
			fmt.Fprint(w, site)
		case "/magazine.rss":
			fmt.Fprint(w, magazine)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	d := newDesk(t)
	d.settingsFile(fmt.Sprintf(`[channel]
allowed_domains = ["valbourg.example"]

[week]
slots = [%s]

[[member]]
name = "Camille"
role = "admin"
[[member]]
name = "Léa"
role = "validator"
[[member]]
name = "Sam"
role = "writer"

[[feed]]
name = "Site de la ville"
url = %q
[[feed]]
name = "Magazine"
url = %q
`, strings.Join(slotNames, ", "), srv.URL+"/actualites.rss", srv.URL+"/magazine.rss"))

	// Online, so the desk reads the feeds from the local server; the pages
	// posts link to are on a domain reserved for examples, which no name
	// server answers, so their cards are never read from anywhere.
	term := startDesk(t, d, nil, "LANG=fr_FR.UTF-8")
	term.resize(80, 24)
	// The desk reads the feeds as it opens: they were never read.
	term.waitScreen("Patinoire du centre-ville", screenTimeout)
	term.waitScreen("Piscine : fermeture technique", screenTimeout)
	term.press("F")
	term.waitScreen("rien de nouveau", screenTimeout)
	term.press("X")
	term.waitScreen("(o/n)", screenTimeout)
	term.press("o")
	term.waitGone(samplePoolFR, screenTimeout)

	// An idea of the team's own.
	term.press("n")
	term.waitScreen(editorLabelFR, screenTimeout)
	term.press("Nuit des musées : programme")
	term.press(keySave)
	term.waitScreen("Enregistré (rév. ", screenTimeout)
	term.press(keyEsc)
	term.waitScreen("? aide · q quitter", screenTimeout)

	// The meeting: Camille is at the desk; Léa is ticked.
	term.press("M")
	term.waitScreen("Qui est là", screenTimeout)
	term.press("j", " ", keyEnter)
	screen := term.waitScreen("6 sujets", screenTimeout)
	for _, want := range []string{"Vos idées", "Site de la ville", "Magazine", "Nuit des musées", "Créneaux des 7 jours", "6 sujets"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the agenda lacks %q:\n%s", want, framed(screen))
		}
	}
	// Own ideas, then the site's newest first, then the magazine's: the
	// cursor is on "Nuit des musées".
	decide := func(title string, keys ...string) {
		t.Helper()
		term.press(keys...)
		term.waitScreen(title, screenTimeout)
	}
	term.press("j", "s")
	term.waitScreen("Créneau pour", screenTimeout)
	term.press(keyEnter)
	term.waitScreen("Qui l’écrit", screenTimeout)
	term.press("j", keyEnter)
	term.waitScreen("L’angle, en une ligne", screenTimeout)
	term.press("Où nager pendant la fermeture", keyEnter)
	decide("cette semaine, " + weekdayFR[slots[0].Weekday()] + " 12:00")

	term.press("j", "s")
	term.waitScreen("Créneau pour", screenTimeout)
	term.press(keyEnter, keyEnter) // the next free slot; Camille writes it
	term.waitScreen("L’angle, en une ligne", screenTimeout)
	term.press("Dates et points de collecte", keyEnter)
	decide("cette semaine, " + weekdayFR[slots[1].Weekday()] + " 12:00")

	term.press("j", "j", "s") // the magazine's portrait
	term.waitScreen("Créneau pour", screenTimeout)
	term.press(keyEnter, "j", "j", keyEnter) // the last slot; Sam writes it
	term.waitScreen("L’angle, en une ligne", screenTimeout)
	term.press("Une voix du marché", keyEnter)
	decide("cette semaine, " + weekdayFR[slots[2].Weekday()] + " 12:00")

	term.press("k", "p") // the bicycle plan, put off to next week
	term.waitScreen("à la semaine", screenTimeout)
	term.press(keyEnter)
	decide("reporté à la semaine")

	term.press("j", "j", "a") // the skating rink, dropped
	term.waitScreen("Pourquoi abandonner", screenTimeout)
	term.press("Déjà annoncé par affichage", keyEnter)
	decide("abandonné et archivé")

	screen = term.text()
	for _, want := range []string{
		"✓ " + shortWeekdayFR(slots[0]) + " 12:00 · Léa", "✓ " + shortWeekdayFR(slots[1]) + " 12:00 · Camille",
		"✓ " + shortWeekdayFR(slots[2]) + " 12:00 · Sam", "→ sem.", "✗ abandonné",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("the agenda does not mark %q:\n%s", want, framed(screen))
		}
	}
	term.press("m")
	term.waitScreen("Compte rendu ·", screenTimeout)
	term.waitScreen("Réunion de rédaction du", screenTimeout)
	term.press("w")
	term.waitScreen("Compte rendu écrit dans", screenTimeout)
	term.press(keyEsc)
	term.waitScreen("Créneaux des 7 jours", screenTimeout)
	term.press(keyEsc)
	term.waitScreen("? aide · q quitter", screenTimeout)

	// The posts are written and validated; each goes into its slot.
	write := func(query, body string, slot time.Time) {
		t.Helper()
		term.press(keyEsc, "/", query)
		term.waitScreen("/ "+query, screenTimeout)
		term.press(keyEnter, keyEnter)
		term.waitScreen(editorLabelFR, screenTimeout)
		term.press(keyTab, "l", keyTab, keyTab, keyTab, keyTab, body)
		term.waitScreen(body[:20], screenTimeout)
		term.press(keySave)
		term.waitScreen("Enregistré (rév. ", screenTimeout)
		term.press(keyEsc)
		term.waitScreen("? aide · q quitter", screenTimeout)
		term.press(">")
		term.waitScreen("brouillon.", screenTimeout)
		term.press("v")
		term.waitScreen("(o/n)", screenTimeout)
		term.press("o")
		term.waitScreen("validée\u00a0: part "+weekdayFR[slot.Weekday()]+" 12:00", screenTimeout)
	}
	write("fermeture", "La piscine ferme deux semaines pour vidange : les bassins voisins vous accueillent.", slots[0])
	write("sapins", "Déposez votre sapin dans l’un des points de collecte de la ville.", slots[1])
	write("fromagère", "Rencontre avec la fromagère du marché couvert, trente ans de métier.", slots[2])
	if title := rows(term.text())[0]; strings.Contains(title, "à décider") {
		t.Errorf("the title line warns of a reserved slot: %q", title)
	}
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d", code)
	}

	posts := exported(t, d)
	for _, title := range []string{"Piscine : fermeture technique", "Collecte des sapins de Noël", "Portrait : la fromagère du marché"} {
		if p := posts[title]; p.Status != "planned" {
			t.Errorf("%q is %q, want planned", title, p.Status)
		}
	}
	if p := posts["Patinoire du centre-ville"]; p.Status != "archived" {
		t.Errorf("the dropped topic is %q", p.Status)
	}

	// The minutes, printed.
	minutes := d.ok("", "--lang", "fr", "minutes")
	for _, want := range []string{
		"# Réunion de rédaction du ",
		"**Présents**\u00a0: Camille, Léa",
		"| Piscine : fermeture technique | Léa | Où nager pendant la fermeture | https://www.valbourg.example/piscine-fermeture |",
		"| Collecte des sapins de Noël | Camille | Dates et points de collecte |",
		"| Portrait : la fromagère du marché | Sam | Une voix du marché | https://magazine.valbourg.example/fromagere |",
		"## Reporté", "- Concertation sur le plan vélo → semaine ",
		"## Abandonné", "- Patinoire du centre-ville\u00a0: Déjà annoncé par affichage",
		"## Les créneaux",
		"Piscine : fermeture technique (planifié)", "Collecte des sapins de Noël (planifié)", "Portrait : la fromagère du marché (planifié)",
	} {
		if !strings.Contains(minutes, want) {
			t.Errorf("the minutes lack %q:\n%s", want, minutes)
		}
	}
	// The file the meeting wrote to send to the team holds the same
	// decisions, as they were then: the slots reserved.
	week := store.WeekOf(now, paris)
	written, err := os.ReadFile(filepath.Join(filepath.Dir(d.db), "minutes", week.String()+".md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(written), "| Piscine : fermeture technique | Léa |") || !strings.Contains(string(written), "réservé\u00a0: Portrait : la fromagère du marché — Sam") {
		t.Errorf("the minutes' file:\n%s", written)
	}

	// The calendar, read back strictly: one event per slot, the post
	// that fills it, at its time in the desk's zone.
	cal := strictICal(t, d.ok("", "--lang", "fr", "calendar", "--weeks", "2"))
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events in the calendar, want 3", len(events))
	}
	for i, ev := range events {
		if uid := ev.Props.Get(goical.PropUID).Value; uid != meeting.SlotUID(slots[i]) {
			t.Errorf("event %d: uid %q, want %q", i, uid, meeting.SlotUID(slots[i]))
		}
		at, err := ev.Props.Get(goical.PropDateTimeStart).DateTime(paris)
		if err != nil || !at.Equal(slots[i]) {
			t.Errorf("event %d starts %v (%v), want %v", i, at, err, slots[i])
		}
		summary, _ := ev.Props.Get(goical.PropSummary).Text()
		if want := []string{"Piscine : fermeture technique", "Collecte des sapins de Noël", "Portrait : la fromagère du marché"}[i]; summary != want {
			t.Errorf("event %d: %q, want %q", i, summary, want)
		}
	}
}

// shortWeekdayFR is the desk's short French weekday: "jeu.".
func shortWeekdayFR(t time.Time) string {
	return []string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}[t.Weekday()]
}
