package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// meetingDesk is a desk on the Tuesday of an editorial meeting: the clock
// at the meeting, the next three slots, and three ideas on the agenda.
type meetingDesk struct {
	st                *Store
	c                 *clock
	path              string
	meeting           time.Time
	thu, sat, nextTue time.Time
	ideas             []Post
}

func newMeetingDesk(t *testing.T) *meetingDesk {
	t.Helper()
	c := newClock()
	c.advance(24*time.Hour + 30*time.Minute) // Tuesday 25 November 2025, 10:00 UTC
	d := &meetingDesk{c: c, path: filepath.Join(t.TempDir(), "crieur.db"), meeting: c.now()}
	d.st = openDesk(t, d.path, c, testHash(""))
	d.thu = time.Date(2025, 11, 27, 11, 0, 0, 0, time.UTC)
	d.sat = time.Date(2025, 11, 29, 9, 0, 0, 0, time.UTC)
	d.nextTue = time.Date(2025, 12, 2, 8, 0, 0, 0, time.UTC)
	for _, title := range []string{"Piscine", "Marché de Noël", "Travaux rue Haute"} {
		d.ideas = append(d.ideas, mustSave(t, d.st, Post{Title: title, Link: "https://valbourg.fr/" + title, Status: StatusIdea}))
	}
	if _, err := d.st.SaveMeeting(d.meeting, []string{"Léa", "Camille", " Sam ", "Léa", ""}, "Camille"); err != nil {
		t.Fatal(err)
	}
	return d
}

var manual = PlanRule{Destinations: []string{"manual"}, Lead: 3 * time.Hour}

func TestMeetingDecisions(t *testing.T) {
	d := newMeetingDesk(t)
	st := d.st
	piscine, marche, travaux := d.ideas[0], d.ideas[1], d.ideas[2]

	p, q, err := st.Decide(d.meeting, piscine.ID, Topic{Decision: DecideThisWeek, Slot: d.thu, Writer: "Léa", Angle: "les horaires\nd'hiver", By: "Camille"}, manual)
	if err != nil {
		t.Fatal(err)
	}
	if q.Queued || q.Late {
		t.Errorf("an idea is not queued: %+v", q)
	}
	want := Topic{Decision: DecideThisWeek, Meeting: d.meeting, Attendees: []string{"Léa", "Camille", "Sam"}, By: "Camille",
		Slot: d.thu, Writer: "Léa", Angle: "les horaires d'hiver"}
	if p.Topic == nil || !reflect.DeepEqual(*p.Topic, want) {
		t.Errorf("topic %+v, want %+v", p.Topic, want)
	}
	if p.Status != StatusIdea {
		t.Errorf("a decided idea is %s", p.Status)
	}
	if _, _, err := st.Decide(d.meeting, marche.ID, Topic{Decision: DecideLater, Week: "2025-W50"}, manual); err != nil {
		t.Fatal(err)
	}
	dropped, _, err := st.Decide(d.meeting, travaux.ID, Topic{Decision: DecideDropped, Reason: "déjà annoncé"}, manual)
	if err != nil {
		t.Fatal(err)
	}
	if dropped.Status != StatusArchived || dropped.Before != StatusIdea || dropped.Topic.Reason != "déjà annoncé" {
		t.Errorf("dropped: %s (before %s), %+v", dropped.Status, dropped.Before, dropped.Topic)
	}

	m, err := st.Meeting(d.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Decisions) != 3 || m.Decisions[0].Title != "Piscine" || m.Decisions[1].Topic.Week != "2025-W50" || m.Decisions[2].Topic.Decision != DecideDropped {
		t.Errorf("meeting record %+v", m.Decisions)
	}
	events, err := st.Events(piscine.ID)
	if err != nil || len(events) != 1 || events[0].Kind != EventDecided || events[0].Topic.Slot != d.thu {
		t.Errorf("piscine's events %+v, %v", events, err)
	}

	res, err := st.Reservations(d.meeting, d.meeting.Add(7*24*time.Hour))
	if err != nil || len(res) != 1 || res[0].Post.ID != piscine.ID || !res[0].At.Equal(d.thu) {
		t.Fatalf("reservations %+v, %v", res, err)
	}

	// The slot is the topic's: neither another topic nor another post
	// takes it.
	if _, _, err := st.Decide(d.meeting, marche.ID, Topic{Decision: DecideThisWeek, Slot: d.thu}, manual); !errors.Is(err, ErrSlotReserved) {
		t.Errorf("a second topic in the slot: %v", err)
	}
	other := validatedPost(t, st, "Collecte")
	if _, _, err := st.PlanAndQueue(other.ID, d.thu, []string{"manual"}); !errors.Is(err, ErrSlotReserved) || !errors.Is(err, ErrSlotTaken) {
		t.Errorf("a post planned in a reserved slot: %v", err)
	}

	// Decided again into another slot, the topic gives the first back.
	if _, _, err := st.Decide(d.meeting, piscine.ID, Topic{Decision: DecideThisWeek, Slot: d.sat, Writer: "Sam"}, manual); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.PlanAndQueue(other.ID, d.thu, []string{"manual"}); err != nil {
		t.Errorf("the slot given back: %v", err)
	}
	events, _ = st.Events(piscine.ID)
	if kinds := kindsOf(events); !reflect.DeepEqual(kinds, []string{EventDecided, EventReleased, EventDecided}) {
		t.Errorf("events %v", kinds)
	}
	m, _ = st.Meeting(d.meeting)
	if len(m.Decisions) != 3 || m.Decisions[0].Topic.Writer != "Sam" {
		t.Errorf("a decision taken again replaces the first: %+v", m.Decisions)
	}
	// Put off, it gives its slot back too.
	if _, _, err := st.Decide(d.meeting, piscine.ID, Topic{Decision: DecideLater, Week: "2025-W49"}, manual); err != nil {
		t.Fatal(err)
	}
	if res, _ := st.Reservations(time.Time{}, d.nextTue.Add(time.Hour)); len(res) != 0 {
		t.Errorf("reservations left %+v", res)
	}

	// The record is on the file.
	st.Close()
	st = openDesk(t, d.path, d.c, testHash(""))
	ms, err := st.Meetings(d.meeting.Add(-time.Hour), d.meeting.Add(time.Hour))
	if err != nil || len(ms) != 1 || !reflect.DeepEqual(ms[0].Attendees, []string{"Léa", "Camille", "Sam"}) {
		t.Errorf("meetings after reopening %+v, %v", ms, err)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
}

func kindsOf(events []Event) []string {
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func TestDecisionsRefused(t *testing.T) {
	d := newMeetingDesk(t)
	st, id := d.st, d.ideas[0].ID
	planned := validatedPost(t, st, "Déjà planifié")
	if _, _, err := st.PlanAndQueue(planned.ID, d.nextTue, []string{"manual"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		meeting time.Time
		post    string
		topic   Topic
		want    error
	}{
		{"no meeting then", d.meeting.Add(time.Hour), id, Topic{Decision: DecideLater, Week: "2025-W50"}, ErrNoMeeting},
		{"this week without a slot", d.meeting, id, Topic{Decision: DecideThisWeek}, ErrBadDecision},
		{"a slot already past", d.meeting, id, Topic{Decision: DecideThisWeek, Slot: d.meeting.Add(-time.Hour)}, ErrSlotPast},
		{"a slot holding a post", d.meeting, id, Topic{Decision: DecideThisWeek, Slot: d.nextTue}, ErrSlotTaken},
		{"later without a week", d.meeting, id, Topic{Decision: DecideLater}, ErrBadDecision},
		{"later in no week", d.meeting, id, Topic{Decision: DecideLater, Week: "2025-W54"}, ErrBadDecision},
		{"dropped without a reason", d.meeting, id, Topic{Decision: DecideDropped, Reason: " \n"}, ErrBadDecision},
		{"an unknown decision", d.meeting, id, Topic{Decision: "maybe"}, ErrBadDecision},
		{"a planned post", d.meeting, planned.ID, Topic{Decision: DecideLater, Week: "2025-W50"}, ErrStatus},
		{"no such post", d.meeting, "nope", Topic{Decision: DecideLater, Week: "2025-W50"}, ErrNotFound},
	} {
		before, _ := st.Post(id)
		_, _, err := st.Decide(tt.meeting, tt.post, tt.topic, manual)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
		if after, _ := st.Post(id); after.Rev != before.Rev || after.Topic != nil {
			t.Errorf("%s changed the post", tt.name)
		}
	}
	if m, _ := st.Meeting(d.meeting); len(m.Decisions) != 0 {
		t.Errorf("refused decisions recorded: %+v", m.Decisions)
	}
}

// TestValidationFillsTheReservedSlot walks a topic from the meeting to
// its slot: validated, it is queued there without another step, and its
// validation carries the meeting's approval.
func TestValidationFillsTheReservedSlot(t *testing.T) {
	d := newMeetingDesk(t)
	st := d.st
	p, _, err := st.Decide(d.meeting, d.ideas[0].ID, Topic{Decision: DecideThisWeek, Slot: d.thu, Writer: "Léa"}, manual)
	if err != nil {
		t.Fatal(err)
	}
	p.Body, p.Category = "La piscine ferme.", "service"
	p = mustSave(t, st, p)
	if p, err = st.SetStatus(p.ID, StatusDraft); err != nil {
		t.Fatal(err)
	}
	if p, err = st.SetStatus(p.ID, StatusReady); err != nil {
		t.Fatal(err)
	}
	v, q, err := st.ValidateAndQueue(p.ID, p.Rev, "Léa", manual)
	if err != nil {
		t.Fatal(err)
	}
	if !q.Queued || q.Late || !q.At.Equal(d.thu) {
		t.Errorf("queued %+v, want for Thursday", q)
	}
	if v.Status != StatusPlanned || !v.Slot.Equal(d.thu) {
		t.Errorf("post %s in %v", v.Status, v.Slot)
	}
	if v.Validation == nil || v.Validation.By != "Léa" || !v.Validation.Topic.Approved() ||
		!reflect.DeepEqual(v.Validation.Topic.Attendees, []string{"Léa", "Camille", "Sam"}) || !v.Validation.Topic.Meeting.Equal(d.meeting) {
		t.Errorf("validation %+v", v.Validation)
	}
	sends, err := st.Sends(v.ID)
	if err != nil || len(sends) != 1 || sends[0].State != SendQueued || !sends[0].At.Equal(d.thu) {
		t.Errorf("sends %+v, %v", sends, err)
	}
	if res, _ := st.Reservations(time.Time{}, d.nextTue); len(res) != 0 {
		t.Errorf("a filled slot is still listed as reserved: %+v", res)
	}
	if late, _ := st.LateReservations(3 * time.Hour); len(late) != 0 {
		t.Errorf("late %+v", late)
	}
}

// TestALateSlotWaitsForADecision validates a topic when its slot is too
// near: it is not queued, the desk is told, and it stays listed as late
// until a person gives the slot back.
func TestALateSlotWaitsForADecision(t *testing.T) {
	d := newMeetingDesk(t)
	st := d.st
	p, _, err := st.Decide(d.meeting, d.ideas[1].ID, Topic{Decision: DecideThisWeek, Slot: d.sat, Writer: "Sam"}, manual)
	if err != nil {
		t.Fatal(err)
	}
	p.Body = "Le marché ouvre."
	p = mustSave(t, st, p)
	if p, err = st.SetStatus(p.ID, StatusDraft); err != nil {
		t.Fatal(err)
	}
	d.c.t = d.sat.Add(-2 * time.Hour) // within the three hours of lead
	v, q, err := st.ValidateAndQueue(p.ID, p.Rev, "Camille", manual)
	if err != nil {
		t.Fatal(err)
	}
	if q.Queued || !q.Late || !q.At.Equal(d.sat) || v.Status != StatusValidated {
		t.Errorf("queued %+v, post %s", q, v.Status)
	}
	if sends, _ := st.Sends(v.ID); len(sends) != 0 {
		t.Errorf("sends %+v", sends)
	}
	late, err := st.LateReservations(3 * time.Hour)
	if err != nil || len(late) != 1 || late[0].Post.ID != v.ID {
		t.Fatalf("late %+v, %v", late, err)
	}
	d.c.advance(24 * time.Hour)
	if late, _ := st.LateReservations(3 * time.Hour); len(late) != 1 {
		t.Errorf("a past slot stays late until decided: %+v", late)
	}
	if _, err := st.Release(v.ID, "Camille"); err != nil {
		t.Fatal(err)
	}
	if late, _ := st.LateReservations(3 * time.Hour); len(late) != 0 {
		t.Errorf("released, still late: %+v", late)
	}
	if _, err := st.Release(v.ID, "Camille"); !errors.Is(err, ErrNoReservation) {
		t.Errorf("released twice: %v", err)
	}
}

// TestDecidingAValidatedPostQueuesIt: a post already written and
// validated before the meeting goes in its slot as soon as it is decided.
func TestDecidingAValidatedPostQueuesIt(t *testing.T) {
	d := newMeetingDesk(t)
	v := validatedPost(t, d.st, "Collecte")
	p, q, err := d.st.Decide(d.meeting, v.ID, Topic{Decision: DecideThisWeek, Slot: d.nextTue, Writer: "Camille"}, manual)
	if err != nil {
		t.Fatal(err)
	}
	if !q.Queued || p.Status != StatusPlanned || !p.Slot.Equal(d.nextTue) {
		t.Errorf("queued %+v, post %s at %v", q, p.Status, p.Slot)
	}
}

func TestTypedViews(t *testing.T) {
	d := newMeetingDesk(t)
	sent, err := d.st.Import([]Post{{Title: "Envoyé", Body: "x", Status: StatusSent}}, RevImport)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.st.SetTypedViews(d.ideas[0].ID, 10); !errors.Is(err, ErrStatus) {
		t.Errorf("views of an idea: %v", err)
	}
	if err := d.st.SetTypedViews(sent[0].ID, -1); err == nil {
		t.Error("negative views accepted")
	}
	if err := d.st.SetTypedViews(sent[0].ID, 1234); err != nil {
		t.Fatal(err)
	}
	stats, ok, err := d.st.PostStats(sent[0].ID)
	if err != nil || !ok || stats.Views != 1234 || !stats.Typed {
		t.Errorf("stats %+v %v %v", stats, ok, err)
	}
}

func TestParseWeek(t *testing.T) {
	loc := paris(t)
	for _, tt := range []struct {
		in    string
		start time.Time
	}{
		{"2026-W50", time.Date(2026, 12, 7, 0, 0, 0, 0, loc)},
		{"2026-w01", time.Date(2025, 12, 29, 0, 0, 0, 0, loc)},
		{"2026-W53", time.Date(2026, 12, 28, 0, 0, 0, 0, loc)},
	} {
		w, err := ParseWeek(tt.in, loc)
		if err != nil || !w.Start.Equal(tt.start) {
			t.Errorf("ParseWeek(%q) = %v, %v; want from %v", tt.in, w.Start, err, tt.start)
		}
		if w.String() != w.String() || WeekOf(w.Start, loc).String() != w.String() {
			t.Errorf("%q reads back as %s", tt.in, w)
		}
	}
	for _, bad := range []string{"2025-W53", "2026-W00", "2026-W5", "W50", "2026-50", "2026-W50x", ""} {
		if _, err := ParseWeek(bad, loc); err == nil {
			t.Errorf("ParseWeek(%q) accepted", bad)
		}
	}
}
