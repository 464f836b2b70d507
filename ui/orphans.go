package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"crieur/store"
)

// orphans are the destinations, no longer in the settings, that a row's
// post still has sends queued for, when the sending run leaves them to a
// person: the post went, or may have gone, to a destination no longer
// listed, which may be a listed one renamed (store.Retarget). Other
// queued sends to such destinations are moved by the next run.
func (d *desk) orphans(row weekRow) []string {
	listed := d.settings.DestinationNames()
	latest := map[string]store.Send{}
	for _, s := range row.sends {
		if s.State != store.SendCancelled {
			latest[s.Destination] = s
		}
	}
	left := false
	var out []string
	for _, s := range row.sends {
		if slices.Contains(listed, s.Destination) || latest[s.Destination].ID != s.ID {
			continue
		}
		if s.State == store.SendQueued {
			out = append(out, s.Destination)
		} else {
			left = true
		}
	}
	if !left {
		return nil
	}
	return out
}

// moveOrphans asks before a post's orphaned sends go now to the
// destinations of the settings (S on the week, send now).
func (d *desk) moveOrphans(p *store.Post, orphans []string) tea.Msg {
	dests := d.settings.DestinationNames()
	q := fmt.Sprintf(d.t.ConfirmMoveOrphans, d.title(p.Title), strings.Join(dests, ", "), strings.Join(orphans, ", "))
	return askMsg{question: q, yes: answer{run: d.moveOrphansCmd(p.ID, dests)}}
}

// cancelOrphans asks before a post's orphaned sends are cancelled (u on
// the week, for a post no longer only planned).
func (d *desk) cancelOrphans(p *store.Post, orphans []string) tea.Msg {
	q := fmt.Sprintf(d.t.ConfirmCancelOrphans, d.title(p.Title), strings.Join(orphans, ", "))
	return askMsg{question: q, yes: answer{run: d.cancelOrphansCmd(p.ID, d.settings.DestinationNames())}}
}

func (d *desk) moveOrphansCmd(id string, dests []string) tea.Cmd {
	st, now := d.st, d.now
	run := d.dispatchCmd()
	return func() tea.Msg {
		if _, err := st.MoveOrphans(id, dests, now()); err != nil {
			return dispatchedMsg{err: err}
		}
		return run()
	}
}

func (d *desk) cancelOrphansCmd(id string, dests []string) tea.Cmd {
	st, t := d.st, d.t
	return func() tea.Msg {
		n, err := st.CancelOrphans(id, dests)
		return weekChangedMsg{say: t.N(t.MsgOrphansCancelled, n), err: err}
	}
}
