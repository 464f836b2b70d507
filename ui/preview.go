package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"crieur/meeting"
	"crieur/store"
	"crieur/ui/phone"
)

// preview is the full-screen phone preview of one post: the stored post,
// or the editor's text when opened from the editor.
type preview struct {
	proof proof
	from  screen
	// pubs are where a sent post was published on WhatsApp.
	pubs []store.Publication
	// typed: the post is the editor's text; unsaved: that text is not
	// what is stored, so it cannot be validated yet.
	typed, unsaved bool
	scroll         listCursor // the first phone line shown
}

// newPreview opens the full-screen preview of a post.
func newPreview(d *desk, msg previewMsg, from screen) (*preview, tea.Cmd) {
	pv := &preview{from: from, pubs: msg.pubs, typed: msg.typed, unsaved: msg.unsaved}
	return pv, tea.Batch(pv.proof.refresh(d, msg.post, pv.width(d)), d.fetchCardCmd(msg.post, false))
}

// width is the width the phone is drawn in.
func (pv *preview) width(d *desk) int { return d.width / 2 }

func (pv *preview) refresh(d *desk) tea.Cmd { return pv.proof.refresh(d, pv.proof.post, pv.width(d)) }

// rows is how many phone lines show: the screen less the title and the
// footer.
func (pv *preview) rows(d *desk) int { return max(d.height-2, 1) }

func (pv *preview) keyMap(d *desk) keyMap { return pv.keysNow(d) }

func (pv *preview) keysNow(d *desk) previewKeys {
	k := d.keys.preview
	p := pv.proof.post
	enable(phone.Folds(pv.proof.msg.Text, d.settings.Preview.ReadMore), &k.ReadMore)
	enable(d.canFetchCard(p), &k.RefreshCard)
	enable(d.publishing() != nil, &k.RefreshStats)
	enable(d.publishing() != nil && p.Status == store.StatusSent && d.may(actSend), &k.Correct, &k.Withdraw)
	enable(len(d.pendingOf(p.ID)) > 0 && d.may(actSend), &k.Went, &k.NotWent)
	enable(len(d.pendingSends) > 0, &k.Pending)
	enable(d.may(actValidate), &k.Validate, &k.Revoke)
	return k
}

func (pv *preview) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := pv.keysNow(d)
	p := pv.proof.post
	if pv.scroll.scrollKeyPress(k, keys.listKeys, strings.Count(pv.proof.phone, "\n")+1, pv.rows(d)) {
		return nil, nil
	}
	switch {
	case key.Matches(k, keys.Close):
		return nil, closeMsg{}
	case key.Matches(k, keys.ReadMore):
		pv.proof.expanded = !pv.proof.expanded
	case key.Matches(k, keys.PhoneTheme):
		d.togglePhoneTheme()
	case key.Matches(k, keys.RefreshCard):
		return d.fetchCardCmd(p, true), nil
	case key.Matches(k, keys.Validate, keys.Revoke):
		// What is validated is what is stored: unsaved typing first.
		if pv.unsaved || p.Rev == 0 {
			d.fail(d.t.MsgSaveFirst)
			return nil, nil
		}
		return d.loadToValidateCmd(p.ID, key.Matches(k, keys.Revoke)), nil
	case key.Matches(k, keys.RefreshStats):
		return d.refreshStatsCmd(true), nil
	case key.Matches(k, keys.Correct, keys.Withdraw):
		return nil, d.askCorrection(p.ID, p.Title, key.Matches(k, keys.Withdraw))
	case key.Matches(k, keys.Went, keys.NotWent):
		return d.settleSendsCmd(d.pendingOf(p.ID), p.Title, key.Matches(k, keys.Went)), nil
	case key.Matches(k, keys.Pending):
		return nil, showMsg{screenPending}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return pv.refresh(d), nil
}

// postChanged shows the post as it is now: stored, or as typed when the
// preview shows the editor's text.
func (pv *preview) postChanged(d *desk, p store.Post) tea.Cmd {
	if pv.proof.post.ID != p.ID {
		return nil
	}
	pv.proof.post = p
	pv.proof.key = ""
	return pv.refresh(d)
}

// heading is the right of the title line: the post's title.
func (pv *preview) heading(d *desk) string {
	return d.styles.Muted.Render(d.t.PreviewTitle+" · ") + d.title(pv.proof.post.Title)
}

// View draws the phone, scrolled, and beside it the checks, the
// validation and where a sent post was published.
func (pv *preview) View(d *desk, w, h int) string {
	st := d.styles
	p := pv.proof.post
	phoneLines := splitLines(pv.proof.phone)
	start := min(pv.scroll.offset, max(len(phoneLines)-1, 0))
	phoneLines = phoneLines[start:]
	pw := d.phoneWidth(w / 2)
	left := fit(strings.Join(phoneLines, "\n"), pw, h)
	side := []string{
		st.StatusStyle(p.Status).Render(d.t.Status(string(p.Status))) + st.Muted.Render(" · "+d.t.Category(visible(p.Category))),
		"",
		st.PaneTitle.Render(d.t.ChecksTitle),
	}
	rw := max(w-pw-3, 1)
	side = append(side, d.problemLines(pv.proof.problems, rw)...)
	if lines := d.validationLines(p, pv.proof.msg); len(lines) > 0 {
		side = append(side, "")
		for _, line := range lines {
			side = append(side, splitLines(wrapStyled(line, rw, st.OK.Render))...)
		}
		// The meeting approved the topic: the validation says so.
		if approval := meeting.Approval(d.t, p.Validation, d.loc); approval != "" {
			side = append(side, splitLines(wrapStyled(approval, rw, st.Muted.Render))...)
		}
	}
	if p.Status == store.StatusSent {
		side = append(side, d.publicationLines(pv.pubs, p.ID, rw)...)
	}
	if w < pw+24 {
		return left
	}
	return joinColumns(left, strings.Join(side, "\n"), pw, 3)
}
