package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"crieur/feeds"
	"crieur/meeting"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// meetWords are the words of the meeting's commands, in the command
// line's language: what they say of themselves, and what they print of
// the meeting.
func (c *cli) meetWords() (*i18n.Text, *i18n.MeetingCLIText) {
	t := c.words()
	return t, &t.CLI.Meeting
}

// feedsCommand lists the feeds of the settings with their last reading,
// or, as "feeds fetch", reads them all.
func (c *cli) feedsCommand(fs *flag.FlagSet) func([]string) error {
	return func(args []string) error {
		s, err := c.settings()
		if err != nil {
			return err
		}
		_, m := c.meetWords()
		switch {
		case len(args) == 0:
			return c.listFeeds(s)
		case args[0] == "fetch" && len(args) == 1:
			return c.fetchFeeds(s)
		case args[0] == "fetch":
			return usageError{fmt.Sprintf(m.Feeds.NoArgs, "feeds fetch", args[1])}
		default:
			return usageError{fmt.Sprintf(m.Feeds.UnknownSub, args[0])}
		}
	}
}

func (c *cli) listFeeds(s settings.Settings) error {
	t, m := c.meetWords()
	w, words := &m.Feeds, &t.Meet.Feeds
	if len(s.Feeds) == 0 {
		fmt.Fprintln(c.stdout, fmt.Sprintf(w.NoFeeds, c.configPath()))
		return nil
	}
	reads := map[string]store.FeedRead{}
	if ok, err := c.exists(); err != nil {
		return err
	} else if ok {
		st, err := c.open()
		if err != nil {
			return err
		}
		reads, err = st.FeedReads()
		st.Close()
		if err != nil {
			return c.explain(c.dataPath(), err)
		}
	}
	loc := s.Location()
	for _, f := range s.Feeds {
		r, ok := reads[f.Name]
		var state string
		switch {
		case !ok || r.At.IsZero():
			state = w.Never
		case r.Err != "":
			state = fmt.Sprintf(w.FailedAt, t.Stamp(r.At.In(loc)), escapeControls(r.Err))
			if r.Failed > 1 {
				state += " (" + t.N(w.InARow, r.Failed) + ")"
			}
			if !r.OK.IsZero() {
				state += " · " + fmt.Sprintf(w.LastOK, t.Stamp(r.OK.In(loc)))
			}
		default:
			state = fmt.Sprintf(w.ReadAt, t.Stamp(r.At.In(loc))) + " · " + t.N(words.Added, r.Added) + ", " + t.N(words.Skipped, r.Skipped)
		}
		if ok && r.Total > 0 {
			state += " · " + t.N(w.Total, r.Total)
		}
		fmt.Fprintf(c.stdout, w.Listed+"\n", escapeControls(f.Name), state, w.URL, escapeControls(f.URL))
	}
	return nil
}

// fetchFeeds reads every feed into ideas: one line per feed read, one
// line on stderr per feed that failed, and exit status 1 when one did.
func (c *cli) fetchFeeds(s settings.Settings) error {
	t, m := c.meetWords()
	w, words := &m.Feeds, &t.Meet.Feeds
	if len(s.Feeds) == 0 {
		fmt.Fprintln(c.stdout, fmt.Sprintf(w.NoFeeds, c.configPath()))
		return nil
	}
	if c.offline {
		return errors.New(fmt.Sprintf(words.Unreachable, "--offline"))
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	sources := make([]feeds.Source, len(s.Feeds))
	for i, f := range s.Feeds {
		sources[i] = feeds.Source{Name: f.Name, URL: f.URL}
	}
	results, err := feeds.Fetcher{Client: c.httpClient()}.ReadAll(context.Background(), st, sources, c.now)
	if err != nil {
		return c.explain(st.Path(), err)
	}
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			fmt.Fprintf(c.stderr, c.w().Common.ErrorLine, fmt.Sprintf(words.FetchFailed, escapeControls(r.Source.Name), meeting.FeedError(words, r.Err)))
			continue
		}
		fmt.Fprintf(c.stdout, w.Fetched+"\n", escapeControls(r.Source.Name), t.N(words.Added, len(r.Added)), t.N(words.Skipped, r.Read.Skipped))
	}
	if failed > 0 {
		return errors.New(t.N(words.CouldNotRead, failed))
	}
	return nil
}

// minutesCommand prints the minutes of a week's meeting in Markdown.
func (c *cli) minutesCommand(fs *flag.FlagSet) func([]string) error {
	weekFlag := fs.String("week", "", "the ISO week, as 2026-W50")
	return func(args []string) error {
		s, err := c.settings()
		if err != nil {
			return err
		}
		t, m := c.meetWords()
		if len(args) > 0 {
			return usageError{fmt.Sprintf(m.Minutes.NoArgs, args[0])}
		}
		loc := s.Location()
		week := store.WeekOf(c.now(), loc)
		if *weekFlag != "" {
			if week, err = store.ParseWeek(*weekFlag, loc); err != nil {
				return usageError{fmt.Sprintf(m.Minutes.BadWeek, *weekFlag)}
			}
		}
		st, err := c.openExisting()
		if err != nil {
			return err
		}
		if st != nil {
			defer st.Close()
		}
		page, err := meeting.Read(st, s, week)
		if err != nil {
			return c.explain(c.dataPath(), err)
		}
		fmt.Fprint(c.stdout, page.Markdown(t, loc))
		return nil
	}
}

// calendarCommand prints the planned and reserved slots as iCalendar.
func (c *cli) calendarCommand(fs *flag.FlagSet) func([]string) error {
	weeks := fs.Int("weeks", 4, "how many weeks, from this one")
	return func(args []string) error {
		s, err := c.settings()
		if err != nil {
			return err
		}
		t, m := c.meetWords()
		if len(args) > 0 {
			return usageError{fmt.Sprintf(m.Calendar.NoArgs, args[0])}
		}
		if *weeks < 1 || *weeks > 52 {
			return usageError{fmt.Sprintf(m.Calendar.BadWeeks, *weeks)}
		}
		st, err := c.openExisting()
		if err != nil {
			return err
		}
		if st != nil {
			defer st.Close()
		}
		text, err := meeting.Calendar(st, s, t, store.WeekOf(c.now(), s.Location()), *weeks, c.now())
		if err != nil {
			return c.explain(c.dataPath(), err)
		}
		fmt.Fprint(c.stdout, text)
		return nil
	}
}

// openExisting opens the data file if there is one, and returns nil if
// there is none yet: reading commands do not create it.
func (c *cli) openExisting() (*store.Store, error) {
	ok, err := c.exists()
	if err != nil || !ok {
		return nil, err
	}
	return c.open()
}
