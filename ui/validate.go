package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/message"
	"crieur/store"
)

// Validation: a person approves a post as it will go out. The desk runs
// the checks first (errors refuse, warnings ask), then asks once more,
// naming the validator; the store binds the validation to the hash of the
// exact message.

// toValidate asks to validate or to revoke the post v or V was pressed
// on, or says why it cannot be.
func (d *desk) toValidate(msg toValidateMsg) tea.Msg {
	switch {
	case msg.err != nil:
		d.fail(d.errorText(msg.err))
	case !d.may(actValidate):
		d.fail(fmt.Sprintf(d.t.Team.MsgRoleRefused, d.t.Team.Role(d.member.Role)))
	case msg.revoke:
		return d.askRevoke(msg.post)
	default:
		return d.askValidation(msg.post, msg.goes)
	}
	return nil
}

// askValidation checks p and, when nothing blocks it, asks to validate it;
// when the validation would send it (back in its slot, or in the slot a
// meeting reserved), the question says when it goes.
func (d *desk) askValidation(p store.Post, goes time.Time) tea.Msg {
	// A published post that was edited is validated again as a
	// correction: it stays published until the correction goes out.
	correction := p.Status == store.StatusSent && p.Validation == nil
	if p.Status == store.StatusValidated || (p.Status == store.StatusSent && !correction) {
		d.say(fmt.Sprintf(d.t.MsgAlreadyValidated, d.title(p.Title)))
		return nil
	}
	if p.Status != store.StatusDraft && p.Status != store.StatusReady && !correction {
		d.fail(fmt.Sprintf(d.t.CannotValidateStatus, d.t.Status(string(p.Status))))
		return nil
	}
	// Four eyes, on the team desk: someone other than the last author,
	// unless the meeting approved the topic and the settings let that do.
	approved := d.settings.Validation.TopicApproval && p.Topic != nil && p.Topic.Approved()
	if d.served() && d.settings.Validation.FourEyes && p.EditedBy == d.member.Name && !approved {
		d.fail(fmt.Sprintf(d.t.Team.MsgFourEyes, d.title(p.Title)))
		return nil
	}
	problems := d.checks(p)
	if n := message.Errors(problems); n > 0 {
		first := ""
		for _, pr := range problems {
			if pr.Level == message.Error {
				first = d.t.Check[pr.Code]
				break
			}
		}
		d.fail(d.t.N(d.t.CannotValidate, n, first))
		return nil
	}
	q := fmt.Sprintf(d.t.ConfirmValidate, d.title(p.Title), visible(d.who))
	if w := len(problems); w > 0 {
		q = d.t.N(d.t.ConfirmValidateWarnings, w, d.title(p.Title))
	}
	if !goes.IsZero() {
		q = withBefore(q, fmt.Sprintf(d.t.Plan.ValidateGoes, d.goes(goes)))
	}
	return askMsg{question: q, yes: answer{run: d.validateCmd(p.ID, p.Rev)}}
}

func (d *desk) askRevoke(p store.Post) tea.Msg {
	if p.Status != store.StatusValidated {
		d.fail(d.t.MsgNotValidated)
		return nil
	}
	return askMsg{question: fmt.Sprintf(d.t.ConfirmRevoke, d.title(p.Title)), yes: answer{run: d.revokeCmd(p.ID)}}
}

// validated says what a validation or a revocation did; the screens that
// show the post follow through the desk's fan-out.
func (d *desk) validated(msg validatedMsg) {
	switch {
	case msg.err != nil:
		d.fail(d.errorText(msg.err))
	case msg.revoked:
		d.say(fmt.Sprintf(d.t.MsgRevoked, d.title(msg.post.Title)))
	case msg.queued.Late:
		lead := d.settings.LeadTime()
		d.fail(fmt.Sprintf(d.t.Meet.Screen.ValidatedLate, d.when(msg.queued.At), d.duration(lead)))
	case msg.queued.Queued && msg.post.Topic.Approved() && msg.post.Topic.Slot.Equal(msg.queued.At):
		d.say(fmt.Sprintf(d.t.Meet.Screen.ValidatedQueued, d.title(msg.post.Title), d.when(msg.queued.At)))
	case !msg.post.PlannedFor().IsZero():
		at := msg.post.PlannedFor().In(d.loc)
		d.say(fmt.Sprintf(d.t.MsgValidatedReplanned, d.title(msg.post.Title), d.t.ShortDate(at)+" "+at.Format("15:04")))
	default:
		d.say(fmt.Sprintf(d.t.MsgValidated, d.title(msg.post.Title), visible(d.who)))
	}
}

// duration writes a lead time as the desk says it: "3 h", "90 min".
func (d *desk) duration(lead time.Duration) string {
	if lead%time.Hour == 0 {
		return fmt.Sprintf(d.t.Meet.Screen.Hours, int(lead.Hours()))
	}
	return fmt.Sprintf(d.t.Meet.Screen.Minutes, int(lead.Minutes()))
}

// validationLines say who validated a post and when, and the start of the
// SHA-256 of the text it sends, which anyone can check against the text
// that went out (the outbox file, with sha256sum): msg is the post's
// outgoing message, which the validation's seal matches.
func (d *desk) validationLines(p store.Post, msg message.Message) []string {
	v := p.Validation
	if v == nil {
		return nil
	}
	return []string{
		fmt.Sprintf(d.t.ValidatedBy, visible(v.By), d.t.Stamp(v.At.In(d.loc))),
		"  " + fmt.Sprintf(d.t.Fingerprint, msg.TextSum()[:fingerprintLen]),
	}
}

// fingerprintLen is how much of the text's SHA-256 the desk shows: enough
// to tell two texts apart at a glance, short enough for one line.
const fingerprintLen = 16

// withBefore puts text before a question's answers, "(o/n)".
func withBefore(q, text string) string {
	if i := strings.LastIndex(q, " ("); i > 0 {
		return q[:i] + text + q[i:]
	}
	return q + text
}
