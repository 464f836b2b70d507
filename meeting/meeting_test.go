package meeting

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// TestResultsPerPostAndCategory writes last week's posts with their
// figures, read or typed in, and the sums per category with real plurals.
func TestResultsPerPostAndCategory(t *testing.T) {
	conf := settings.Default()
	loc := conf.Location()
	now := time.Date(2026, 12, 8, 10, 0, 0, 0, loc) // Tuesday of week 50
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Three posts went out last week, planned in its slots.
	week49 := store.WeekOf(now, loc).Prev()
	var ids []string
	for i, p := range []store.Post{
		{Title: "Piscine", Category: "service"},
		{Title: "Marché | Noël", Category: "event"},
		{Title: "Collecte", Category: "service"},
	} {
		p.Status, p.Body = store.StatusSent, "x"
		p.Slot = week49.SlotTime([]time.Weekday{time.Tuesday, time.Thursday, time.Saturday}[i], 10, 0, loc)
		saved, err := st.Import([]store.Post{p}, store.RevImport)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved[0].ID)
	}
	if err := st.SetStats(ids[0], store.PostStats{Views: 1500, Reactions: map[string]int{"👍": 12, "❤️": 30}, At: now}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetTypedViews(ids[1], 1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveMeeting(now, nil, "Camille"); err != nil {
		t.Fatal(err)
	}
	page, err := Read(st, conf, store.WeekOf(now, loc))
	if err != nil {
		t.Fatal(err)
	}
	// The figures as the store keeps them; which posts went out last
	// week is the slot index's, tested with the command line.
	page.Results = nil
	for _, id := range ids {
		p, _ := st.Post(id)
		s, ok, _ := st.PostStats(id)
		page.Results = append(page.Results, Result{Post: p, Stats: s, Known: ok})
	}
	fr := page.Markdown(i18n.For("fr"), loc)
	for _, want := range []string{
		"**Présents**\u00a0: personne n’a été noté",
		"| Piscine | service | 1\u202f500 | ❤️ 30 👍 12 |",
		"| Marché \\| Noël | événement | 1 (saisies) | — |",
		"| Collecte | service | — | — |",
		"- service\u00a0: 2 publications, 1\u202f500 vues",
		"- événement\u00a0: 1 publication, 1 vue",
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("the French minutes lack %q:\n%s", want, fr)
		}
	}
	en := page.Markdown(i18n.For("en"), loc)
	for _, want := range []string{"- service: 2 posts, 1,500 views", "- event: 1 post, 1 view", "**Present**: nobody was noted"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English minutes lack %q:\n%s", want, en)
		}
	}
}

// TestTimezoneAcrossTheChanges describes Paris over a year: one
// observance at the start, then one per change, each starting at the
// change in the local time it leaves.
func TestTimezoneAcrossTheChanges(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	tz := timezone(loc, time.Date(2026, 12, 1, 0, 0, 0, 0, loc), time.Date(2027, 12, 1, 0, 0, 0, 0, loc))
	var got []string
	for _, c := range tz.Components {
		var fields []string
		for _, p := range c.UnknownPropertiesIANAProperties() {
			fields = append(fields, p.IANAToken+"="+p.Value)
		}
		got = append(got, strings.Join(fields, " "))
	}
	want := []string{
		"DTSTART=20261201T000000 TZOFFSETFROM=+0100 TZOFFSETTO=+0100 TZNAME=CET",
		"DTSTART=20270328T020000 TZOFFSETFROM=+0100 TZOFFSETTO=+0200 TZNAME=CEST",
		"DTSTART=20271031T030000 TZOFFSETFROM=+0200 TZOFFSETTO=+0100 TZNAME=CET",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("observances:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAgenda lists the topics by source, newest first: the team's own,
// then each feed, then the slots of the seven days from the meeting.
func TestAgenda(t *testing.T) {
	conf := settings.Default()
	conf.Feeds = []settings.Feed{{Name: "Site de la ville", URL: "https://www.valbourg.fr/rss"}, {Name: "Magazine", URL: "https://mag.valbourg.fr/rss"}}
	loc := conf.Location()
	now := time.Date(2026, 12, 8, 10, 0, 0, 0, loc)
	clock := now
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mine, err := st.SavePost(store.Post{Title: "Idée de l’équipe", Status: store.StatusIdea})
	if err != nil {
		t.Fatal(err)
	}
	read := store.FeedRead{Name: "Site de la ville", At: now}
	if _, err := st.AddIdeas(read, []store.Post{
		{Title: "Ancienne", Link: "https://www.valbourg.fr/a", SourceDate: now.AddDate(0, 0, -3)},
		{Title: "Récente", Link: "https://www.valbourg.fr/b", SourceDate: now.AddDate(0, 0, -1)},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddIdeas(store.FeedRead{Name: "Ancien flux", At: now}, []store.Post{{Title: "D’ailleurs", Link: "https://x.fr/c"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveMeeting(now, []string{"Léa"}, "Léa"); err != nil {
		t.Fatal(err)
	}
	// Put off at an earlier meeting to a later week: not on this agenda.
	earlier := now.AddDate(0, 0, -7)
	clock = earlier
	if _, err := st.SaveMeeting(earlier, nil, "Léa"); err != nil {
		t.Fatal(err)
	}
	later, err := st.SavePost(store.Post{Title: "Pour plus tard", Status: store.StatusIdea})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Decide(earlier, later.ID, store.Topic{Decision: store.DecideLater, Week: "2026-W52"}, store.PlanRule{}); err != nil {
		t.Fatal(err)
	}
	clock = now
	a, err := ReadAgenda(st, conf, now)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range a.Sources {
		for _, p := range s.Topics {
			got = append(got, s.Name+": "+p.Title)
		}
	}
	want := []string{": Idée de l’équipe", "Site de la ville: Récente", "Site de la ville: Ancienne", "Ancien flux: D’ailleurs"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("agenda:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(a.Sources) != 4 || a.Sources[2].Name != "Magazine" || len(a.Sources[2].Topics) != 0 {
		t.Errorf("sources %+v", a.Sources)
	}
	if len(a.Slots) != 3 {
		t.Errorf("%d slots in the seven days from the meeting", len(a.Slots))
	}
	// Decided at this meeting, a topic stays on its agenda with its decision.
	if _, _, err := st.Decide(now, mine.ID, store.Topic{Decision: store.DecideDropped, Reason: "non"}, store.PlanRule{}); err != nil {
		t.Fatal(err)
	}
	if a, _ = ReadAgenda(st, conf, now); len(a.Sources[0].Topics) != 1 || a.Sources[0].Topics[0].Topic.Decision != store.DecideDropped {
		t.Errorf("a topic dropped at this meeting: %+v", a.Sources[0])
	}
}

func TestApproval(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Paris")
	v := &store.Validation{By: "Léa", Topic: &store.Topic{Decision: store.DecideThisWeek,
		Meeting: time.Date(2026, 12, 8, 10, 0, 0, 0, loc), Attendees: []string{"Léa", "Camille", "Sam"}}}
	if got, want := Approval(i18n.For("en"), v, loc), "topic approved at the meeting of Tuesday 8 December (Léa, Camille, Sam); text validated by Léa"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got, want := Approval(i18n.For("fr"), v, loc), "sujet approuvé à la réunion du mardi 8 décembre (Léa, Camille, Sam)\u00a0; texte validé par Léa"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if Approval(i18n.For("fr"), &store.Validation{By: "Léa"}, loc) != "" {
		t.Error("a validation without a meeting's approval")
	}
}
