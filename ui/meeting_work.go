package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/feeds"
	"crieur/meeting"
	"crieur/store"
)

// The desk's work for the editorial meeting, whatever screen shows: the
// feeds read in the background, the reserved slots a person must decide
// about, and the store's work of the meeting screen. Each is a command
// whose result comes back as a message (messages.go).

// feedsEvery is how often the open desk reads the feeds, when online.
const feedsEvery = 4 * time.Hour

// feedsTimeout bounds one reading of every feed.
const feedsTimeout = 2 * time.Minute

// lateEvery is how often the desk looks again for reserved slots that
// time has made late.
const lateEvery = time.Minute

// planRule is what the store needs to queue a post in the slot a meeting
// reserved for it.
func (d *desk) planRule() store.PlanRule {
	return store.PlanRule{Destinations: d.settings.DestinationNames(), Lead: d.settings.LeadTime()}
}

// canReadFeeds says whether the feeds key applies: online, with feeds in
// the settings, and no reading under way.
func (d *desk) canReadFeeds() bool {
	return d.feeds != nil && len(d.settings.Feeds) > 0 && !d.feedsReading
}

// feedsTickCmd schedules the next reading of the feeds, when the desk is
// online and has feeds.
func (d *desk) feedsTickCmd() tea.Cmd {
	if d.feeds == nil || len(d.settings.Feeds) == 0 {
		return nil
	}
	return tea.Tick(feedsEvery, func(time.Time) tea.Msg { return feedsTick{next: true} })
}

// feedsDueCmd reads the feeds at once when the desk opens and the last
// reading of one of them is older than feedsEvery.
func (d *desk) feedsDueCmd() tea.Cmd {
	if d.feeds == nil || len(d.settings.Feeds) == 0 {
		return nil
	}
	st, now, names := d.st, d.now, make([]string, 0, len(d.settings.Feeds))
	for _, f := range d.settings.Feeds {
		names = append(names, f.Name)
	}
	return func() tea.Msg {
		reads, err := st.FeedReads()
		if err != nil {
			return nil
		}
		for _, n := range names {
			if r, ok := reads[n]; !ok || now().Sub(r.At) >= feedsEvery {
				return feedsTick{}
			}
		}
		return nil
	}
}

// feedsTicked reads the feeds, unless a reading is under way, and
// schedules the next tick of a periodic one.
func (d *desk) feedsTicked(msg feedsTick) tea.Cmd {
	var next, read tea.Cmd
	if msg.next {
		next = d.feedsTickCmd()
	}
	if d.canReadFeeds() {
		read = d.readFeedsCmd(false)
	}
	return tea.Batch(read, next)
}

// readFeedsCmd reads every feed of the settings into ideas, each feed in
// one transaction; a feed that fails does not stop the others.
func (d *desk) readFeedsCmd(asked bool) tea.Cmd {
	d.feedsReading = true
	st, now, client, words := d.st, d.now, d.feeds, &d.t.Meet.Feeds
	sources := make([]feeds.Source, len(d.settings.Feeds))
	for i, f := range d.settings.Feeds {
		sources[i] = feeds.Source{Name: f.Name, URL: f.URL}
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), feedsTimeout)
		defer cancel()
		results, err := feeds.Fetcher{Client: client}.ReadAll(ctx, st, sources, now)
		msg := feedsMsg{asked: asked, err: err}
		for _, r := range results {
			if r.Err != nil {
				msg.failed = append(msg.failed, fmt.Sprintf(words.FetchFailed, visible(r.Source.Name), meeting.FeedError(words, r.Err)))
				continue
			}
			msg.added += len(r.Added)
		}
		return msg
	}
}

// feedsRead says what a reading of the feeds did: always when a person
// asked, and in the background only when it brought ideas.
func (d *desk) feedsRead(msg feedsMsg) {
	d.feedsReading = false
	w := &d.t.Meet
	switch {
	case msg.err != nil:
		if msg.asked {
			d.fail(d.errorText(msg.err))
		}
	case len(msg.failed) > 0 && (msg.asked || msg.added > 0):
		d.fail(fmt.Sprintf(w.Screen.FeedsFailed, d.t.N(w.Feeds.Added, msg.added), d.t.N(w.Feeds.CouldNotRead, len(msg.failed)), msg.failed[0]))
	case msg.added > 0:
		d.say(fmt.Sprintf(w.Screen.FeedsRead, d.t.N(w.Feeds.Added, msg.added)))
	case msg.asked:
		d.say(w.Screen.FeedsNothing)
	}
}

// lateCmd reads the reserved slots that are past, or within the lead
// time, and that their post does not fill.
func (d *desk) lateCmd() tea.Cmd {
	st, lead := d.st, d.settings.LeadTime()
	return func() tea.Msg {
		late, err := st.LateReservations(lead)
		return lateMsg{late: late, err: err}
	}
}

func (d *desk) lateTickCmd() tea.Cmd {
	return tea.Tick(lateEvery, func(time.Time) tea.Msg { return lateTick{} })
}

// lateRead keeps the late reservations the title line warns of.
func (d *desk) lateRead(msg lateMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	d.late = msg.late
}

// when says when a slot is, as the desk says a post goes out: "jeudi
// 12:00" within the week to come, the date as well further on.
func (d *desk) when(at time.Time) string {
	at = at.In(d.loc)
	if at.Sub(d.now()) < 6*24*time.Hour {
		return d.t.Meet.WeekdaysLong[at.Weekday()] + " " + at.Format("15:04")
	}
	return d.t.DayAndTime(at)
}

// slotShort is a slot in a few cells: "jeu. 26 nov. 12:00".
func (d *desk) slotShort(at time.Time) string {
	at = at.In(d.loc)
	return d.t.ShortDate(at) + " " + at.Format("15:04")
}

// decided says what a meeting's decision did.
func (d *desk) decided(msg decidedMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	w, p := &d.t.Meet.Screen, msg.post
	t := p.Topic
	if t == nil {
		return
	}
	title := d.title(p.Title)
	switch t.Decision {
	case store.DecideThisWeek:
		switch {
		case msg.queued.Queued:
			d.say(fmt.Sprintf(w.DecidedQueued, title, d.when(msg.queued.At)))
		case msg.queued.Late:
			d.fail(fmt.Sprintf(w.DecidedLate, title, d.when(t.Slot)))
		default:
			d.say(fmt.Sprintf(w.DecidedThisWeek, title, d.when(t.Slot), visible(t.Writer)))
		}
	case store.DecideLater:
		number := 0
		if wk, err := store.ParseWeek(t.Week, d.loc); err == nil {
			number = wk.Number
		}
		d.say(fmt.Sprintf(w.DecidedLater, title, number))
	case store.DecideDropped:
		d.say(fmt.Sprintf(w.DecidedDropped, title))
	}
}

// loadMeetingCmd reads the meeting held at at and its agenda; with find,
// the meeting is this week's last one if there is one, else a new one
// held at at.
func (d *desk) loadMeetingCmd(at time.Time, find bool) tea.Cmd {
	st, s, loc := d.st, d.settings, d.loc
	return func() tea.Msg {
		msg := meetingLoadedMsg{at: at}
		var m store.Meeting
		var err error
		if find {
			w := store.WeekOf(at, loc)
			var held []store.Meeting
			if held, err = st.Meetings(w.Start, w.End()); err == nil && len(held) > 0 {
				m = held[len(held)-1]
				msg.at = m.At
			}
		} else {
			m, err = st.Meeting(at)
		}
		switch {
		case errors.Is(err, store.ErrNoMeeting):
		case err != nil:
			return meetingLoadedMsg{err: err}
		case !m.At.IsZero():
			msg.recorded, msg.attendees = true, m.Attendees
		}
		msg.agenda, msg.err = meeting.ReadAgenda(st, s, msg.at)
		return msg
	}
}

// saveMeetingCmd records the meeting with who is there.
func (d *desk) saveMeetingCmd(at time.Time, attendees []string) tea.Cmd {
	st, who := d.st, d.who
	return func() tea.Msg {
		m, err := st.SaveMeeting(at, attendees, who)
		return meetingSavedMsg{meeting: m, err: err}
	}
}

// decideCmd records a decision of the meeting held at at.
func (d *desk) decideCmd(at time.Time, id string, t store.Topic) tea.Cmd {
	st, rule := d.st, d.planRule()
	t.By = d.who
	return func() tea.Msg {
		p, q, err := st.Decide(at, id, t, rule)
		return decidedMsg{post: p, queued: q, err: err}
	}
}

// typeViewsCmd keeps the views a person read on the phone for a sent post.
func (d *desk) typeViewsCmd(id, title string, views int) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		return viewsTypedMsg{title: title, views: views, err: st.SetTypedViews(id, views)}
	}
}

// viewsTyped says what typing the views did.
func (d *desk) viewsTyped(msg viewsTypedMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	d.say(fmt.Sprintf(d.t.Meet.Screen.ViewsTyped, d.title(msg.title), d.t.N(d.t.Meet.Minutes.Views, msg.views)))
}

// minutesCmd writes the minutes of the meeting's week in Markdown and has
// glamour draw them at width w, off the desk's loop.
func (d *desk) minutesCmd(gen int, at time.Time, w int) tea.Cmd {
	st, s, t, loc, theme := d.st, d.settings, d.t, d.loc, themeName(d.styles.Dark)
	return func() tea.Msg {
		page, err := meeting.Read(st, s, store.WeekOf(at, loc))
		if err != nil {
			return minutesMsg{gen: gen, err: err}
		}
		md := page.Markdown(t, loc)
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(theme), glamour.WithWordWrap(max(w-2, 20)))
		if err != nil {
			return minutesMsg{gen: gen, text: plainLines(md, w, strings.Count(md, "\n")+1)}
		}
		out, err := r.Render(md)
		if err != nil {
			return minutesMsg{gen: gen, text: plainLines(md, w, strings.Count(md, "\n")+1)}
		}
		lines := splitLines(strings.Trim(out, "\n"))
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, w, "")
		}
		return minutesMsg{gen: gen, text: strings.Join(lines, "\n")}
	}
}

// minutesPath is the file the minutes of a week are written to, beside
// the data file.
func minutesPath(st *store.Store, w store.Week) string {
	return filepath.Join(filepath.Dir(st.Path()), "minutes", w.String()+".md")
}

// writeMinutesCmd writes the minutes of the meeting's week to their file,
// as `crieur minutes --week` prints them: whole or not at all.
func (d *desk) writeMinutesCmd(at time.Time) tea.Cmd {
	st, s, t, loc := d.st, d.settings, d.t, d.loc
	return func() tea.Msg {
		week := store.WeekOf(at, loc)
		page, err := meeting.Read(st, s, week)
		if err != nil {
			return minutesWrittenMsg{err: err}
		}
		path := minutesPath(st, week)
		return minutesWrittenMsg{path: path, err: writeFileAtomic(path, []byte(page.Markdown(t, loc)))}
	}
}

// writeFileAtomic writes data to path through a temporary file renamed
// over it, so a crash leaves the old file or the new one.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".minutes-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// minutesWritten says where the minutes were written.
func (d *desk) minutesWritten(msg minutesWrittenMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	d.say(fmt.Sprintf(d.t.Meet.Minutes.Written, visible(d.unpath(msg.path))))
}
