package ui

import (
	"errors"
	"fmt"

	"crieur/sender"
	"crieur/store"
)

// Link cards: the page a post links to, read in the background for its
// OpenGraph title, description and image (fetchCardCmd), kept on the post.

// cardFetched says what reading a card did; was is the status the post had
// before. It reports whether the post changed, for the desk's fan-out.
func (d *desk) cardFetched(msg cardFetchedMsg, was store.Status) (changed bool) {
	if msg.err != nil {
		switch {
		case !msg.asked:
		case errors.Is(msg.err, sender.ErrCardBusy):
			d.say(d.t.MsgCardBusy)
		case errors.Is(msg.err, sender.ErrCardRefused):
			d.fail(d.t.MsgCardRefused)
		case errors.Is(msg.err, sender.ErrCardAddress):
			d.fail(d.t.MsgCardInternal)
		default:
			d.fail(fmt.Sprintf(d.t.MsgCardFailed, firstLine(msg.err.Error())))
		}
		return false
	}
	p := msg.post
	if (was == store.StatusValidated || was == store.StatusPlanned) && p.Status == store.StatusReady {
		d.fail(fmt.Sprintf(d.t.MsgCardInvalidated, d.title(p.Title)))
	} else if msg.asked {
		if msg.card.Status >= 400 {
			d.fail(fmt.Sprintf(d.t.MsgCardStatus, msg.card.Status))
		} else {
			d.say(d.t.MsgCardFetched)
		}
	}
	return true
}
