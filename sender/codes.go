package sender

import (
	"context"
	"errors"

	"crieur/store"
)

// Code says why a send did not go as planned, in a word that stays the
// same in every language and every version: the send log records it
// (store.Attempt.Code), the desk and the command line say it in the
// person's language from the catalogue, and scripts read it as it is.
// The back-end's own words stay beside it for the technical record.
type Code string

// The codes of a send that did not go as planned.
const (
	// The destination answered.
	CodeServerError Code = "server_error" // a 5xx: it failed, perhaps after it published
	CodeRefused     Code = "refused"      // a 4xx: it refused this message
	CodeRedirect    Code = "redirect"     // a 3xx: the address moved
	CodeRateLimited Code = "rate_limited" // a 408 or a 429: too many messages, or too slow
	CodeForbidden   Code = "forbidden"    // Telegram's 403: the bot may not post in the channel
	CodeNoMessageID Code = "no_message_id"

	// The destination did not answer.
	CodeTimeout     Code = "timeout"     // no answer within the time allowed
	CodeNoAnswer    Code = "no_answer"   // the connection dropped after the request left
	CodeUnreachable Code = "unreachable" // no network, no such host, connection refused

	// A secure connection could not be made: nothing left.
	CodeTLSUntrusted Code = "tls_untrusted" // a certificate no authority of this machine signed
	CodeTLSName      Code = "tls_name"      // a certificate for another name
	CodeTLSInvalid   Code = "tls_invalid"   // a certificate expired or otherwise not valid
	CodeTLSNone      Code = "tls_none"      // the server does not speak HTTPS there

	// The destination's settings.
	CodeNoSecret      Code = "no_secret"      // the webhook's signing key is not set
	CodeBadToken      Code = "bad_token"      // Telegram's bot token is missing, malformed or refused
	CodeBadAddress    Code = "bad_address"    // not an http(s) address, or Telegram's API not in https
	CodeNoChannel     Code = "no_channel"     // no channel to post to, or the channel is not found
	CodeNoDestination Code = "no_destination" // no destination of that name in the settings
	CodeBadKind       Code = "bad_kind"       // a destination of a kind crieur cannot send to

	// The message itself.
	CodeSealBroken     Code = "seal_broken"     // it is no longer the text that was validated
	CodeAlreadySent    Code = "already_sent"    // it went there already: sending it again is a person's decision
	CodeNoReason       Code = "no_reason"       // an urgent send without its reason
	CodeNotSendable    Code = "not_sendable"    // the post cannot be sent as it stands (its status)
	CodePictureMissing Code = "picture_missing" // the picture is not in the data file
	CodePictureChanged Code = "picture_changed" // the picture is not the one validated
	CodePictureFormat  Code = "picture_format"  // a picture the destination does not take
	CodePictureSize    Code = "picture_size"    // a picture larger than the destination takes
	CodeCardChanged    Code = "card_changed"    // the link card's thumbnail is not the one validated

	// WhatsApp's linked device.
	CodeWANotLinked    Code = "whatsapp_not_linked"
	CodeWALoggedOut    Code = "whatsapp_logged_out"
	CodeWANotConnected Code = "whatsapp_not_connected"
	CodeWANoAck        Code = "whatsapp_no_ack"
	CodeWARejected     Code = "whatsapp_rejected"
	CodeWAEditWindow   Code = "whatsapp_edit_window"

	// The run.
	CodeOutbox      Code = "outbox"              // the copy-and-paste text could not be written
	CodeOffline     Code = "offline"             // the destination is not reached in this run
	CodeInterrupted Code = store.CodeInterrupted // crieur stopped before the outcome was known
	CodeOther       Code = "other"               // anything unforeseen: the detail says what
)

// Codes lists every code, for the catalogue's tests: each has its
// sentence in every language.
func Codes() []Code {
	return []Code{
		CodeServerError, CodeRefused, CodeRedirect, CodeRateLimited, CodeForbidden, CodeNoMessageID,
		CodeTimeout, CodeNoAnswer, CodeUnreachable,
		CodeTLSUntrusted, CodeTLSName, CodeTLSInvalid, CodeTLSNone,
		CodeNoSecret, CodeBadToken, CodeBadAddress, CodeNoChannel, CodeNoDestination, CodeBadKind,
		CodeSealBroken, CodeAlreadySent, CodeNoReason, CodeNotSendable, CodePictureMissing, CodePictureChanged, CodePictureFormat,
		CodePictureSize, CodeCardChanged,
		CodeWANotLinked, CodeWALoggedOut, CodeWANotConnected, CodeWANoAck, CodeWARejected, CodeWAEditWindow,
		CodeOutbox, CodeOffline, CodeInterrupted, CodeOther,
	}
}

// Errors of the message that the back-ends refuse to send.
var (
	ErrPictureMissing = errors.New("the picture is not in the data file")
	ErrPictureChanged = errors.New("the picture is not the one validated")
	ErrPictureFormat  = errors.New("the destination does not take this kind of picture")
	ErrPictureSize    = errors.New("the picture is larger than the destination takes")
	ErrCardChanged    = errors.New("the link card's thumbnail is not the one validated")
)

// sentinels are the errors whose code is known wherever they come from.
var sentinels = []struct {
	err  error
	code Code
}{
	{ErrNotLinked, CodeWANotLinked}, {ErrNoWhatsApp, CodeWANotLinked}, {ErrLoggedOut, CodeWALoggedOut},
	{ErrNotConnected, CodeWANotConnected}, {ErrNoAck, CodeWANoAck}, {ErrRejected, CodeWARejected},
	{ErrEditWindow, CodeWAEditWindow},
	{ErrPictureMissing, CodePictureMissing}, {ErrPictureChanged, CodePictureChanged},
	{ErrPictureFormat, CodePictureFormat}, {ErrPictureSize, CodePictureSize}, {ErrCardChanged, CodeCardChanged},
	{store.ErrSealBroken, CodeSealBroken}, {store.ErrNoDestination, CodeNoDestination},
	{store.ErrAlreadySent, CodeAlreadySent}, {store.ErrNoReason, CodeNoReason},
}

// general are errors that may come of anything, and of a send too.
var general = []struct {
	err  error
	code Code
}{
	{store.ErrStatus, CodeNotSendable}, {store.ErrNotFound, CodeNotSendable}, {store.ErrNoSend, CodeNotSendable},
	{context.DeadlineExceeded, CodeTimeout},
}

// CodeOf says why err happened, as a code, with the HTTP status the
// destination answered (0 when none): the code of the first SendError in
// the chain that has one, else that of a known error in the chain, else
// CodeOther. It is "" for nil.
func CodeOf(err error) (Code, int) {
	if err == nil {
		return "", 0
	}
	if code, status, ok := Explained(err); ok {
		return code, status
	}
	for _, s := range general {
		if errors.Is(err, s.err) {
			return s.code, 0
		}
	}
	return CodeOther, 0
}

// Explained says why err happened, as CodeOf does, when err says it
// itself: a SendError or a DestinationError with its code, or an error
// of sending (a broken seal, WhatsApp not linked, a picture refused...).
// It is false for an error of the file or of a post's status, which the
// desk says in its own words.
func Explained(err error) (Code, int, bool) {
	var se *SendError
	if errors.As(err, &se) && se.Code != "" {
		return se.Code, se.HTTP, true
	}
	var de *DestinationError
	if errors.As(err, &de) && de.Code != "" {
		return de.Code, 0, true
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.code, 0, true
		}
	}
	return "", 0, false
}

// FailureOf is what the send log records of err: its code and status,
// and its text on one line.
func FailureOf(err error) store.Failure {
	if err == nil {
		return store.Failure{}
	}
	code, status := CodeOf(err)
	return store.Failure{Code: string(code), HTTP: status, Detail: oneLine(err.Error())}
}

// codeOfStatus is the code of an HTTP answer that is not a success.
func codeOfStatus(status int) Code {
	switch {
	case status == 408 || status == 429:
		return CodeRateLimited
	case status >= 500:
		return CodeServerError
	case status >= 300 && status < 400:
		return CodeRedirect
	}
	return CodeRefused
}
