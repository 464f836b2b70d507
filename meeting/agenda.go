package meeting

import (
	"sort"
	"time"

	"crieur/settings"
	"crieur/store"
)

// Agenda is what the meeting screen shows: the topics by source, the
// coming week's slots, and what went out over the last weeks.
type Agenda struct {
	Sources []Source
	Slots   []Slot
	Results []Result
	// Categories sums the results per category, most viewed first.
	Categories []Category
}

// Source is one source of topics: the team's own ideas (Name ""), then
// each feed of the settings, then any other feed that brought some.
type Source struct {
	Name   string
	Topics []store.Post // newest first
}

// Category is the results of one category.
type Category struct {
	Name         string
	Posts, Views int
	Reactions    int
	Known        int // posts whose figures were read or typed in
}

// ResultWeeks is how many weeks back the agenda's results go.
const ResultWeeks = 4

// ReadAgenda gathers the agenda of a meeting held at at: the topics
// still to decide (ideas and posts not yet planned that no meeting
// decided, those put off to this week or before, and those decided at
// this very meeting), the slots of the seven days from at, and the posts
// sent over the four weeks before.
func ReadAgenda(st *store.Store, s settings.Settings, at time.Time) (Agenda, error) {
	var a Agenda
	loc := s.Location()
	sums, err := st.Summaries()
	if err != nil {
		return a, err
	}
	thisWeek := store.WeekOf(at, loc).String()
	bySource := map[string][]store.Post{}
	for _, sum := range sums {
		switch sum.Status() {
		case store.StatusIdea, store.StatusDraft, store.StatusReady, store.StatusValidated, store.StatusArchived:
		default:
			continue
		}
		p, err := st.Post(sum.ID())
		if err != nil {
			return a, err
		}
		if onAgenda(p, at, thisWeek) {
			bySource[p.Source] = append(bySource[p.Source], p)
		}
	}
	names := []string{""}
	for _, f := range s.Feeds {
		names = append(names, f.Name)
	}
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	var others []string
	for n := range bySource {
		if !seen[n] {
			others = append(others, n)
		}
	}
	sort.Strings(others)
	for _, n := range append(names, others...) {
		topics := bySource[n]
		sort.SliceStable(topics, func(i, j int) bool { return dated(topics[i]).After(dated(topics[j])) })
		a.Sources = append(a.Sources, Source{Name: n, Topics: topics})
	}
	if a.Slots, err = Slots(st, s, at, at.AddDate(0, 0, 7)); err != nil {
		return a, err
	}
	a.Results, a.Categories, err = results(st, at.AddDate(0, 0, -7*ResultWeeks), at)
	return a, err
}

// onAgenda says whether a post is a topic of the meeting held at at.
func onAgenda(p store.Post, at time.Time, thisWeek string) bool {
	t := p.Topic
	if t != nil && t.Meeting.Equal(at) {
		return true // decided at this meeting: shown with its decision
	}
	if p.Status == store.StatusArchived {
		return false
	}
	switch {
	case t == nil:
		return true
	case t.Decision == store.DecideLater:
		return t.Week <= thisWeek
	}
	return false
}

// dated is when a topic came: its feed's date, else its creation.
func dated(p store.Post) time.Time {
	if !p.SourceDate.IsZero() {
		return p.SourceDate
	}
	return p.Created
}

// results reads the posts sent from slots in [from, to), newest first,
// with their figures, and sums them per category.
func results(st *store.Store, from, to time.Time) ([]Result, []Category, error) {
	plan, err := st.Slots(from, to)
	if err != nil {
		return nil, nil, err
	}
	stats, err := st.AllStats()
	if err != nil {
		return nil, nil, err
	}
	var out []Result
	cats := map[string]*Category{}
	for i := len(plan.Planned) - 1; i >= 0; i-- {
		p := plan.Planned[i]
		if p.Status != store.StatusSent {
			continue
		}
		s, ok := stats[p.ID]
		out = append(out, Result{Post: p, Stats: s, Known: ok})
		c := cats[p.Category]
		if c == nil {
			c = &Category{Name: p.Category}
			cats[p.Category] = c
		}
		c.Posts++
		c.Views += s.Views
		if ok {
			c.Known++
		}
		for _, n := range s.Reactions {
			c.Reactions += n
		}
	}
	var list []Category
	for _, c := range cats {
		list = append(list, *c)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Views != list[j].Views {
			return list[i].Views > list[j].Views
		}
		return list[i].Name < list[j].Name
	})
	return out, list, nil
}
