package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// How a delivery ends: the send log's record of what the destination
// answered, or why it did not go as planned.

// Failure is why a delivery did not go as planned: Code, a stable word
// that the desk and the command line say in the person's language (the
// sender's codes, and CodeInterrupted); HTTP, the status the destination
// answered, if any; Detail, the back-end's own words, kept for the
// technical record and never shown as the sentence itself.
type Failure struct {
	Code   string
	HTTP   int
	Detail string
}

// CodeInterrupted is the code of an attempt cut short by a crash or a
// closed laptop: crieur stopped before the outcome was known.
const CodeInterrupted = "interrupted"

// FinishSend records how the delivery that BeginSend started ended: sent
// (with the back-end's message id), failed, or unknown. SendQueued says
// the attempt never left the machine, as RetryNotSent. The post follows
// its sends (see settle).
func (s *Store) FinishSend(sendID string, state SendState, remoteID string, why Failure) (Send, error) {
	switch state {
	case SendQueued:
		return s.RetryNotSent(sendID, why)
	case SendSent, SendFailed, SendUnknown:
	default:
		return Send{}, fmt.Errorf("%w: a send cannot end %s", ErrStatus, state)
	}
	return s.endAttempt(sendID, func(snd *Send, a *Attempt) {
		snd.State, a.State, a.RemoteID = state, state, remoteID
		a.Code, a.HTTP, a.Err = why.Code, why.HTTP, why.Detail
	})
}

// Receipt is what a destination answered when it took a message.
type Receipt struct {
	RemoteID string // the destination's message id
	ServerID int64  // WhatsApp: the server's id of the message
	Channel  string // WhatsApp: the channel it was published to
}

// FinishSendReceipt records that the delivery BeginSend started was sent,
// with everything the destination answered: FinishSend(sendID, SendSent,
// rc.RemoteID, "") plus what a WhatsApp publication needs to be
// corrected later.
func (s *Store) FinishSendReceipt(sendID string, rc Receipt) (Send, error) {
	return s.endAttempt(sendID, func(snd *Send, a *Attempt) {
		snd.State, a.State, a.RemoteID = SendSent, SendSent, rc.RemoteID
		a.Code, a.HTTP, a.Err = "", 0, ""
		a.ServerID, a.Channel = rc.ServerID, rc.Channel
	})
}

// RetryNotSent puts a send that is being delivered back in the queue,
// because its attempt failed before anything left the machine: trying
// again cannot post it twice. Only a send in sending goes back this way;
// after unknown, failed or sent, a person decides.
func (s *Store) RetryNotSent(sendID string, why Failure) (Send, error) {
	return s.endAttempt(sendID, func(snd *Send, a *Attempt) {
		snd.State, a.State, a.NotSent = SendQueued, SendFailed, true
		a.Code, a.HTTP, a.Err = why.Code, why.HTTP, why.Detail
	})
}

// endAttempt closes the last attempt of a send in sending, in one
// transaction with the post's new status.
func (s *Store) endAttempt(sendID string, end func(*Send, *Attempt)) (Send, error) {
	return s.changeSend(sendID, SendSending, "being sent", func(_ *bolt.Tx, snd *Send) error {
		if snd.Last() == nil {
			return fmt.Errorf("%w: the send has no attempt to end", ErrStatus)
		}
		snd.Attempts = append([]Attempt(nil), snd.Attempts...)
		a := snd.Last()
		a.Ended = s.now()
		end(snd, a)
		return nil
	})
}
