package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	return loc
}

func TestWeekOfISOEdges(t *testing.T) {
	loc := paris(t)
	monday := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	cases := []struct {
		at           time.Time
		year, number int
		start        time.Time
	}{
		// 2026 starts on a Thursday, so it has 53 weeks; its last one
		// runs into 2027.
		{time.Date(2026, 12, 28, 0, 0, 0, 0, loc), 2026, 53, monday(2026, 12, 28)},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, loc), 2026, 53, monday(2026, 12, 28)},
		{time.Date(2027, 1, 1, 8, 0, 0, 0, loc), 2026, 53, monday(2026, 12, 28)},
		{time.Date(2027, 1, 3, 23, 59, 59, 0, loc), 2026, 53, monday(2026, 12, 28)},
		{time.Date(2027, 1, 4, 0, 0, 0, 0, loc), 2027, 1, monday(2027, 1, 4)},
		// And its week 1 starts in 2025.
		{time.Date(2025, 12, 29, 10, 0, 0, 0, loc), 2026, 1, monday(2025, 12, 29)},
		// Monday 00:30 in Paris is still Sunday in UTC: the week is Paris's.
		{time.Date(2026, 3, 2, 0, 30, 0, 0, loc).UTC(), 2026, 10, monday(2026, 3, 2)},
		// The Sundays of the changes belong to the week that began before them.
		{time.Date(2026, 3, 29, 23, 30, 0, 0, loc), 2026, 13, monday(2026, 3, 23)},
		{time.Date(2026, 10, 25, 23, 30, 0, 0, loc), 2026, 43, monday(2026, 10, 19)},
	}
	for _, tc := range cases {
		w := WeekOf(tc.at, loc)
		if w.Year != tc.year || w.Number != tc.number || !w.Start.Equal(tc.start) || w.Start.Location() != loc {
			t.Errorf("WeekOf(%s) = %d-W%02d from %s, want %d-W%02d from %s",
				tc.at, w.Year, w.Number, w.Start, tc.year, tc.number, tc.start)
		}
	}
	last := WeekOf(time.Date(2026, 12, 31, 12, 0, 0, 0, loc), loc)
	if n := last.Next(); n.Year != 2027 || n.Number != 1 || !n.Start.Equal(monday(2027, 1, 4)) {
		t.Errorf("after 2026-W53: %+v", n)
	}
	if p := last.Next().Prev(); p != last {
		t.Errorf("back from 2027-W01: %+v, want %+v", p, last)
	}
	if end := last.End(); !end.Equal(monday(2027, 1, 4)) {
		t.Errorf("end of 2026-W53: %s", end)
	}
}

func TestSlotKeepsItsLocalTimeAcrossDaylightSaving(t *testing.T) {
	loc := paris(t)
	for _, change := range []struct {
		name   string
		sunday time.Time // the day the clocks change
		before int       // offsets in hours, the week before and the week after
		after  int
	}{
		{"March", time.Date(2026, 3, 29, 12, 0, 0, 0, loc), 1, 2},
		{"October", time.Date(2026, 10, 25, 12, 0, 0, 0, loc), 2, 1},
	} {
		t.Run(change.name, func(t *testing.T) {
			w := WeekOf(change.sunday, loc)
			for i, week := range []Week{w, w.Next()} {
				at := week.SlotTime(time.Tuesday, 9, 0, loc)
				if at.Weekday() != time.Tuesday || at.Hour() != 9 || at.Minute() != 0 {
					t.Errorf("week %d: Tuesday slot at %s", week.Number, at)
				}
				_, offset := at.Zone()
				want := []int{change.before, change.after}[i]
				if offset != want*3600 {
					t.Errorf("week %d: Tuesday 09:00 at UTC%+d, want UTC%+d", week.Number, offset/3600, want)
				}
			}
			// The two Tuesdays are a week apart on the calendar, an hour
			// more or less apart in elapsed time.
			gap := w.Next().SlotTime(time.Tuesday, 9, 0, loc).Sub(w.SlotTime(time.Tuesday, 9, 0, loc))
			if want := 7*24*time.Hour - time.Duration(change.after-change.before)*time.Hour; gap != want {
				t.Errorf("gap between the Tuesdays %s, want %s", gap, want)
			}
			if length := w.End().Sub(w.Start); length != 7*24*time.Hour-time.Duration(change.after-change.before)*time.Hour {
				t.Errorf("the week of the change lasts %s", length)
			}
			// The slot on the day of the change itself, after it.
			at := w.SlotTime(time.Sunday, 18, 30, loc)
			if y, m, d := at.Date(); at.Hour() != 18 || at.Minute() != 30 || y != 2026 || m != change.sunday.Month() || d != change.sunday.Day() {
				t.Errorf("Sunday slot at %s", at)
			}
			if _, offset := at.Zone(); offset != change.after*3600 {
				t.Errorf("Sunday slot at UTC%+d", offset/3600)
			}
		})
	}
}

func TestPlanUnplanSwap(t *testing.T) {
	loc := paris(t)
	c := newClock()
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openDesk(t, path, c, testHash(""))
	week := WeekOf(c.now(), loc)
	tue := week.SlotTime(time.Tuesday, 9, 0, loc)
	thu := week.SlotTime(time.Thursday, 12, 15, loc)
	sat := week.SlotTime(time.Saturday, 10, 0, loc)

	ready := mustSave(t, st, Post{Title: "brouillon", Body: "x", Status: StatusReady})
	if _, err := st.Plan(ready.ID, tue); !errors.Is(err, ErrStatus) {
		t.Errorf("planning a ready post: %v", err)
	}
	a := validatedPost(t, st, "piscine")
	b := validatedPost(t, st, "marche")
	if _, err := st.Plan(a.ID, time.Time{}); err == nil {
		t.Error("planned without a slot time")
	}
	pa, err := st.Plan(a.ID, tue)
	if err != nil || pa.Status != StatusPlanned || !pa.Slot.Equal(tue) || pa.Validation == nil {
		t.Fatalf("plan: %v %+v", err, pa)
	}
	revs := mustRevisions(t, st, a.ID)
	if last := revs[len(revs)-1]; last.Kind != RevPlan || !last.Post.Slot.Equal(tue) {
		t.Errorf("plan revision: %s %s", last.Kind, last.Post.Slot)
	}
	if _, err := st.Plan(a.ID, thu); !errors.Is(err, ErrStatus) {
		t.Errorf("planning a planned post: %v", err)
	}
	if _, err := st.Plan(b.ID, tue); !errors.Is(err, ErrSlotTaken) {
		t.Errorf("two posts in one slot: %v", err)
	}
	if _, err := st.Plan(b.ID, thu); err != nil {
		t.Fatal(err)
	}
	slotOf := func(id string) time.Time {
		t.Helper()
		sums, err := st.Summaries()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sums {
			if s.ID() == id {
				return s.Slot()
			}
		}
		t.Fatalf("no summary for %s", id)
		return time.Time{}
	}
	if !slotOf(a.ID).Equal(tue) || !slotOf(b.ID).Equal(thu) {
		t.Errorf("summary slots %s %s", slotOf(a.ID), slotOf(b.ID))
	}
	planned := func(from, to time.Time) []string {
		t.Helper()
		posts, err := st.Planned(from, to)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range posts {
			ids = append(ids, p.ID)
		}
		return ids
	}
	if got := planned(week.Start, week.End()); len(got) != 2 || got[0] != a.ID || got[1] != b.ID {
		t.Errorf("planned this week: %v", got)
	}
	if got := planned(week.Next().Start, week.Next().End()); len(got) != 0 {
		t.Errorf("planned next week: %v", got)
	}
	if got := planned(tue, thu); len(got) != 1 || got[0] != a.ID {
		t.Errorf("planned in [tue, thu): %v", got)
	}

	// Queued sends follow their slot.
	send := mustQueue(t, st, b.ID, thu, "telegram")[0]
	urgent, err := st.Queue(b.ID, []string{"webhook"}, c.now(), true, "route barrée")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Swap(a.ID, a.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("swap with itself: %v", err)
	}
	if _, _, err := st.Swap(a.ID, ready.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("swap with a ready post: %v", err)
	}
	sa, sb, err := st.Swap(a.ID, b.ID)
	if err != nil || !sa.Slot.Equal(thu) || !sb.Slot.Equal(tue) {
		t.Fatalf("swap: %v %s %s", err, sa.Slot, sb.Slot)
	}
	if got := planned(week.Start, week.End()); len(got) != 2 || got[0] != b.ID || got[1] != a.ID {
		t.Errorf("planned after the swap: %v", got)
	}
	if moved, _ := st.Send(send.ID); !moved.At.Equal(tue) || moved.State != SendQueued {
		t.Errorf("the slot's send after the swap: %+v", moved)
	}
	if kept, _ := st.Send(urgent[0].ID); !kept.At.Equal(c.now()) {
		t.Errorf("the urgent send moved with the slot: %+v", kept)
	}
	if due, _ := st.Due(tue); len(due) != 2 {
		t.Errorf("due by Tuesday: %+v", due)
	}

	// Unplanned, b is validated again and its slot's send is cancelled.
	ub, err := st.Unplan(b.ID)
	if err != nil || ub.Status != StatusValidated || !ub.Slot.IsZero() {
		t.Fatalf("unplan: %v %+v", err, ub)
	}
	if _, err := st.Unplan(b.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("unplan twice: %v", err)
	}
	if gone, _ := st.Send(send.ID); gone.State != SendCancelled {
		t.Errorf("the slot's send after unplanning: %+v", gone)
	}
	if due, _ := st.Due(sat); len(due) != 1 || due[0].ID != urgent[0].ID {
		t.Errorf("due after unplanning: %+v", due)
	}
	if !slotOf(b.ID).IsZero() {
		t.Errorf("an unplanned post shows a slot: %s", slotOf(b.ID))
	}
	if got := planned(week.Start, week.End()); len(got) != 1 || got[0] != a.ID {
		t.Errorf("planned after unplanning: %v", got)
	}

	// A planned post whose text changes leaves its slot: the slot is free.
	pa, _ = st.Post(a.ID)
	pa.Body = "La piscine ferme à 18 h"
	edited := mustSave(t, st, pa)
	if edited.Status != StatusReady || !slotOf(a.ID).IsZero() {
		t.Errorf("edited planned post: %s, slot %s", edited.Status, slotOf(a.ID))
	}
	if got := planned(week.Start, week.End()); len(got) != 0 {
		t.Errorf("planned after the edit: %v", got)
	}
	if _, err := st.Plan(b.ID, thu); err != nil {
		t.Errorf("planning in the slot the edited post left: %v", err)
	}

	// A sent post stays in its slot, and the plan survives a reopen.
	if _, err := st.Cancel(urgent[0].ID); err != nil {
		t.Fatal(err)
	}
	s := mustQueue(t, st, b.ID, thu, "telegram")[0]
	mustBegin(t, st, s.ID)
	mustFinish(t, st, s.ID, SendSent, "", "")
	st.Close()
	st = openDesk(t, path, c, testHash(""))
	posts, err := st.Planned(week.Start, week.End())
	if err != nil || len(posts) != 1 || posts[0].ID != b.ID || posts[0].Status != StatusSent || !posts[0].Slot.Equal(thu) {
		t.Errorf("planned after the send and a reopen: %v %+v", err, posts)
	}
	if _, err := st.Unplan(b.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("unplanning a sent post: %v", err)
	}
	if _, err := st.Plan(a.ID, thu); !errors.Is(err, ErrStatus) {
		t.Errorf("planning a ready post: %v", err)
	}
	v, err := st.Validate(a.ID, edited.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Plan(v.ID, thu); !errors.Is(err, ErrSlotTaken) {
		t.Errorf("planning over a sent slot: %v", err)
	}
	if p, err := st.Plan(v.ID, sat); err != nil || !p.Slot.Equal(sat) {
		t.Errorf("planning again after validation: %v", err)
	}
}

// Planning from the week screen puts the post in its slot and queues its
// sends in one transaction: when the queue refuses, the post stays out of
// the slot. (The crash loop found a desk killed between the two, which
// left a post planned with nothing queued to send it.)
func TestPlanAndQueueIsOneTransaction(t *testing.T) {
	loc := paris(t)
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	tue := WeekOf(c.now(), loc).SlotTime(time.Tuesday, 9, 0, loc)

	a := validatedPost(t, st, "piscine")
	if _, err := st.Queue(a.ID, []string{"hook"}, tue, false, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.PlanAndQueue(a.ID, tue, []string{"hook"}); !errors.Is(err, ErrStatus) {
		t.Fatalf("planned and queued a post already queued: %v", err)
	}
	if p, err := st.Post(a.ID); err != nil || p.Status != StatusValidated || !p.PlannedFor().IsZero() {
		t.Errorf("after the refused queue the post is %s in slot %v (%v)", p.Status, p.PlannedFor(), err)
	}

	b := validatedPost(t, st, "marche")
	p, sends, err := st.PlanAndQueue(b.ID, tue, []string{"hook", "canal"})
	if err != nil || p.Status != StatusPlanned || !p.Slot.Equal(tue) || len(sends) != 2 {
		t.Fatalf("plan and queue: %v, %s at %v, %d sends", err, p.Status, p.Slot, len(sends))
	}
	for _, s := range sends {
		if s.State != SendQueued || !s.At.Equal(tue) || s.Post != b.ID {
			t.Errorf("send %+v", s)
		}
	}
}

// commits is the id of the file's last write transaction: each commit
// adds one.
func commits(t *testing.T, st *Store) int {
	t.Helper()
	var id int
	if err := st.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }); err != nil {
		t.Fatal(err)
	}
	return id
}

// "Send now" on the week screen, and an urgent send of a planned post,
// cancel the sends queued for the slot and queue new ones due now, in one
// commit: a crash between the two left a planned post with nothing queued
// to send it. When the new queue is refused, the slot's sends stay queued.
func TestSendNowIsOneTransaction(t *testing.T) {
	loc := paris(t)
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	sat := WeekOf(c.now(), loc).SlotTime(time.Saturday, 10, 0, loc)

	a := validatedPost(t, st, "piscine")
	_, slotSends, err := st.PlanAndQueue(a.ID, sat, []string{"hook", "canal"})
	if err != nil {
		t.Fatal(err)
	}
	before := commits(t, st)
	now, err := st.SendNow(a.ID, []string{"hook", "canal"}, c.now(), false, "")
	if err != nil || len(now) != 2 {
		t.Fatalf("send now: %v, %+v", err, now)
	}
	if n := commits(t, st) - before; n != 1 {
		t.Errorf("send now took %d commits, want 1", n)
	}
	for _, s := range slotSends {
		if got, _ := st.Send(s.ID); got.State != SendCancelled {
			t.Errorf("the slot's send to %s is %s, want cancelled", s.Destination, got.State)
		}
	}
	due, err := st.Due(c.now())
	if err != nil || len(due) != 2 || due[0].ID != now[0].ID || due[1].ID != now[1].ID {
		t.Errorf("due now: %+v (%v)", due, err)
	}
	if later, _ := st.Due(sat); len(later) != 2 {
		t.Errorf("still queued for the slot: %+v", later)
	}
	if p, _ := st.Post(a.ID); p.Status != StatusPlanned || !p.PlannedFor().Equal(sat) {
		t.Errorf("after send now the post is %s in slot %v", p.Status, p.PlannedFor())
	}

	// An urgent send of a planned post goes the same way, with its reason.
	b := validatedPost(t, st, "marche")
	if _, _, err := st.PlanAndQueue(b.ID, sat.Add(-48*time.Hour), []string{"hook"}); err != nil {
		t.Fatal(err)
	}
	before = commits(t, st)
	urgent, err := st.SendNow(b.ID, []string{"hook"}, c.now(), true, "orage")
	if err != nil || len(urgent) != 1 || !urgent[0].Urgent || urgent[0].Reason != "orage" {
		t.Fatalf("urgent send now: %v, %+v", err, urgent)
	}
	if n := commits(t, st) - before; n != 1 {
		t.Errorf("urgent send now took %d commits, want 1", n)
	}
	if events, _ := st.Events(b.ID); len(events) == 0 || events[len(events)-1].Kind != EventUrgent {
		t.Errorf("the urgent send is not among the post's events: %+v", events)
	}

	// One destination already has the post: the queue is refused, and
	// nothing is cancelled.
	d := validatedPost(t, st, "fete")
	_, slotSends, err = st.PlanAndQueue(d.ID, sat.Add(-24*time.Hour), []string{"hook"})
	if err != nil {
		t.Fatal(err)
	}
	sent := mustQueue(t, st, d.ID, c.now(), "canal")
	mustBegin(t, st, sent[0].ID)
	mustFinish(t, st, sent[0].ID, SendSent, "m1", "")
	before = commits(t, st)
	if _, err := st.SendNow(d.ID, []string{"hook", "canal"}, c.now(), false, ""); !errors.Is(err, ErrStatus) {
		t.Fatalf("sent again to canal: %v", err)
	}
	if n := commits(t, st) - before; n != 0 {
		t.Errorf("a refused send now wrote %d commits", n)
	}
	if got, _ := st.Send(slotSends[0].ID); got.State != SendQueued || !got.At.Equal(slotSends[0].At) {
		t.Errorf("after the refused send now the slot's send is %s at %v", got.State, got.At)
	}
	if _, err := st.SendNow(d.ID, nil, c.now(), false, ""); err == nil {
		t.Error("send now with no destination")
	}
	if got, _ := st.Send(slotSends[0].ID); got.State != SendQueued {
		t.Errorf("a send now with no destination cancelled the slot's send: %s", got.State)
	}
}
