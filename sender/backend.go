package sender

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"crieur/message"
)

// Backend delivers one outgoing message to one destination.
//
// The send log calls Send once per attempt, after it has committed the
// send as "sending"; the error says what became of the message (see
// SendError), which is what the log records and what decides whether it
// may try again by itself.
type Backend interface {
	Name() string // "telegram", "webhook", "manual", "whatsapp"
	// Limit is the hard limit on the text, in characters (0: none), for
	// the checks. A back-end whose limit depends on the message also
	// implements MessageLimiter; LimitsFor prefers it.
	Limit() int
	Send(ctx context.Context, d Delivery) (Receipt, error)
}

// MessageLimiter is a back-end whose limit on the text depends on the
// message: Telegram allows 4,096 characters in a text message but 1,024 in
// the caption of a photo.
type MessageLimiter interface {
	LimitFor(msg message.Message) int
}

// LimitsFor gives the limits the checks apply to msg on these back-ends,
// by back-end name: what Check takes as its limits. Build the message of
// the post first, so that a post with an image gets the caption's limit.
func LimitsFor(msg message.Message, backends ...Backend) message.Limits {
	limits := make(message.Limits, len(backends))
	for _, b := range backends {
		limit := b.Limit()
		if ml, ok := b.(MessageLimiter); ok {
			limit = ml.LimitFor(msg)
		}
		limits[b.Name()] = limit
	}
	return limits
}

// Delivery is one attempt at sending a post's message to one destination.
type Delivery struct {
	SendID string // the send in the send log
	PostID string // the post being sent
	// Key is the delivery's idempotency key (IdempotencyKey): the same on
	// every attempt and every resend of the same validated text to the
	// same destination, so that a receiver can drop a repeat.
	Key     string
	Message message.Message // what to send, already checked against the validated hash
	Attempt int             // 1 for the first attempt of this send
	// CardThumb is the link card's thumbnail (Message.Card.ThumbSum), read
	// from the store, for the back-ends that draw the card themselves.
	CardThumb []byte
	// Picture is the message's picture (Message.ImageSum), read from the
	// store; nil when the message has none, or the store holds none.
	Picture []byte
}

// IdempotencyKey is the key of every delivery of a post's validated text
// to one destination: derived from the post, the destination and the hash
// sealed at validation, it is the same when the send is tried again or
// the post sent again after a person found it had not gone out, and new
// for a corrected text, which is validated with a new hash. A receiver
// that keeps the keys it has taken drops a repeat, whatever crieur knew.
func IdempotencyKey(postID, destination, hash string) string {
	sum := sha256.New()
	for _, part := range []string{"crieur delivery", postID, destination, hash} {
		sum.Write([]byte(part))
		sum.Write([]byte{0})
	}
	return hex.EncodeToString(sum.Sum(nil)[:16])
}

// Receipt is what a destination said when it took the message.
type Receipt struct {
	RemoteID string    // the destination's id of the published message, when it gives one
	At       time.Time // when the destination answered
	// ServerID and Channel are a WhatsApp publication's server id and
	// channel, which its later edits, deletions and stats refer to.
	ServerID int64
	Channel  string
	// Outbox is the file holding the text, for the copy-and-paste
	// back-end; empty for the others.
	Outbox string
	// Copied says the copy-and-paste back-end put the text on the system
	// clipboard; NotCopied says why it could not, when it had one to try.
	Copied    bool
	NotCopied string
}

// Outcome is what is known of a message after a failed attempt. The zero
// value is Unknown, the one that is never retried without a person: an
// error that forgot to say stays on the safe side.
type Outcome int

const (
	// Unknown: the request may have reached the destination (an answer
	// that never came after the request was written, a 5xx whose effect is
	// not known). Someone has to look at the channel before sending again.
	Unknown Outcome = iota
	// NotSent: nothing that could publish left the machine, or the
	// destination refused the request before it had any effect (no
	// network, DNS failure, connection refused, bad token, rate limit).
	NotSent
	// Failed: the destination answered that it did not publish. Sending
	// again cannot duplicate, but will fail the same way until something
	// is fixed.
	Failed
	// Sent is what OutcomeOf says of a nil error.
	Sent
	// ToPaste: the text was handed to a person to post by hand (copy and
	// paste); they say when it went out. Nothing is sent again by itself.
	ToPaste
)

func (o Outcome) String() string {
	switch o {
	case NotSent:
		return "not sent"
	case Failed:
		return "failed"
	case Sent:
		return "sent"
	case ToPaste:
		return "to paste"
	default:
		return "outcome unknown"
	}
}

// SendError is a failed attempt, with what is known of the message.
//
// Retryable says that sending again by itself is safe (it cannot publish
// the message twice) and may succeed: the send log retries on its own only
// when it is set, after RetryAfter when the destination asked for a delay.
//
// Code says why, in a word the catalogue says in the person's language
// (see CodeOf), and HTTP the status the destination answered, if any;
// Err is the back-end's own words, for the technical record.
type SendError struct {
	Outcome    Outcome
	Retryable  bool
	RetryAfter time.Duration
	Code       Code
	HTTP       int
	Err        error
}

func (e *SendError) Error() string {
	msg := e.Outcome.String()
	if e.Err != nil {
		msg = e.Err.Error() + " (" + msg + ")"
	}
	if e.Retryable && e.RetryAfter > 0 {
		msg += "; retry in " + e.RetryAfter.Round(time.Second).String()
	}
	return msg
}

func (e *SendError) Unwrap() error { return e.Err }

// OutcomeOf says what an error from Send means for the message: Sent for
// nil, the Outcome of the first SendError in the chain, and Unknown for any
// other error, since nothing says the message did not leave.
func OutcomeOf(err error) Outcome {
	if err == nil {
		return Sent
	}
	var se *SendError
	if errors.As(err, &se) {
		return se.Outcome
	}
	return Unknown
}

// RetryableOf says whether the send log may repeat the delivery by itself.
func RetryableOf(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Retryable
}

// Defaults of the settings below.
const (
	defaultTimeout   = 10 * time.Second
	defaultAttempts  = 3
	defaultBackoff   = time.Second
	defaultMaxWait   = 30 * time.Second
	maxAnswerBytes   = 64 << 10
	photoTimeoutMult = 6 // a photo upload gets this many times the text timeout
)

// Option tunes a back-end. Each back-end reads the options that concern
// it and ignores the others.
type Option func(*config)

type config struct {
	timeout    time.Duration
	timeoutSet bool
	attempts   int
	backoff    time.Duration
	maxWait    time.Duration
	now        func() time.Time
	whatsapp   WhatsApp  // the linked device BuildBackends gives the whatsapp destination
	clipboard  Clipboard // the clipboard BuildBackends gives the copy-and-paste destination
}

func newConfig(opts []Option) config {
	c := config{
		timeout:  defaultTimeout,
		attempts: defaultAttempts,
		backoff:  defaultBackoff,
		maxWait:  defaultMaxWait,
		now:      time.Now,
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithTimeout bounds each HTTP attempt, from connecting to the end of the
// answer (default 10 s; a Telegram photo upload gets six times as long
// unless this is set).
func WithTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.timeout, c.timeoutSet = d, true
		}
	}
}

// WithAttempts sets how many times the webhook tries one delivery, with
// the same idempotency key, before it gives up (default 3).
func WithAttempts(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.attempts = n
		}
	}
}

// WithBackoff sets the webhook's wait before its second attempt; it
// doubles before each further one (default 1 s).
func WithBackoff(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.backoff = d
		}
	}
}

// WithMaxWait is the longest Retry-After the webhook waits for within one
// Send (default 30 s); a longer one ends the Send with the delay in the
// error, for the send log to schedule.
func WithMaxWait(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.maxWait = d
		}
	}
}

// WithClock gives the time of receipts, of outbox file names (in the
// clock's location) and of Retry-After dates.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// noRedirects copies client so that it does not follow redirects: a
// redirected POST becomes a GET without its body, or is sent twice, and
// neither is what the destination was configured to receive.
func noRedirects(client *http.Client) *http.Client {
	if client == nil {
		client = &http.Client{}
	}
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// answer is one HTTP attempt as the back-ends classify it.
type answer struct {
	status int
	header http.Header
	body   []byte
	// written: the request may have reached the destination. False only
	// when it surely did not (not written, or not connected).
	written bool
	err     error         // no answer (or the answer's body could not be read)
	waited  time.Duration // the attempt's timeout, when it ran out
	// refused: the connection was refused for a reason that trying again
	// will not change (a certificate not trusted, no TLS on the other
	// side); err says it in words, and code which reason it is.
	refused bool
	code    Code
}

// failureCode is the code of an attempt without an answer.
func (a answer) failureCode() Code {
	switch {
	case a.refused:
		return a.code
	case a.waited > 0:
		return CodeTimeout
	case a.written:
		return CodeNoAnswer
	}
	return CodeUnreachable
}

// failure says what became of an attempt without an answer: "no answer
// within 10s: ...", "not delivered: connection refused".
func (a answer) failure(what string) error {
	if a.waited > 0 {
		return fmt.Errorf("%s within %v: %w", what, a.waited, a.err)
	}
	return fmt.Errorf("%s: %w", what, a.err)
}

// roundTrip makes one attempt with its own timeout, and tells a request
// that was never written from one that was written and got no answer.
func roundTrip(parent context.Context, client *http.Client, req *http.Request, timeout time.Duration) answer {
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			// A write that failed did not deliver the whole request, and
			// no server acts on half of one; anything else counts.
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	}
	req = req.WithContext(httptrace.WithClientTrace(ctx, trace))
	resp, err := client.Do(req)
	if err != nil {
		a := answer{written: mayHaveLeft(client, wrote.Load(), err), err: transportError(err)}
		if why, code := secureConnectionRefused(err); why != nil && !a.written {
			a.err, a.refused, a.code = why, true, code
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && parent.Err() == nil {
			a.waited = timeout
		}
		return a
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxAnswerBytes))
	return answer{status: resp.StatusCode, header: resp.Header, body: body, written: true, err: err}
}

// mayHaveLeft says whether a request that got no answer may have reached
// the destination. Only the standard transport reports the write through
// httptrace; behind another one, only a failure to connect proves that
// nothing left.
func mayHaveLeft(client *http.Client, wrote bool, err error) bool {
	if wrote {
		return true
	}
	if _, ok := client.Transport.(*http.Transport); ok || client.Transport == nil {
		return false
	}
	var dns *net.DNSError
	var op *net.OpError
	return !errors.As(err, &dns) && !(errors.As(err, &op) && op.Op == "dial")
}

// secureConnectionRefused says why a secure connection could not be made,
// in words a person can act on, when trying again would fail the same way:
// the server's certificate is not trusted, is for another name or is not
// valid, or the server does not speak TLS. It is nil for anything else.
// The code says which it is.
func secureConnectionRefused(err error) (error, Code) {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		record   tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &unknown), errors.As(err, &verify) && errors.As(verify.Err, &unknown):
		return fmt.Errorf("the server's certificate is not signed by an authority this machine trusts (%w); nothing was sent: fix the server's certificate or the address", transportError(err)), CodeTLSUntrusted
	case errors.As(err, &hostname):
		return fmt.Errorf("the server's certificate is for another name (%w); nothing was sent: fix the address or the server's certificate", transportError(err)), CodeTLSName
	case errors.As(err, &invalid), errors.As(err, &verify):
		return fmt.Errorf("the server's certificate is not valid (%w); nothing was sent: fix the server's certificate", transportError(err)), CodeTLSInvalid
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return fmt.Errorf("the server does not speak HTTPS at this address (%w); nothing was sent: fix the address", transportError(err)), CodeTLSNone
	}
	return nil, ""
}

// transportError drops the *url.Error around a client error: it quotes the
// whole address, which for a hook can be a secret and for Telegram holds
// the token.
func transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// statusText is "HTTP 503 Service Unavailable".
func statusText(code int) string {
	return strings.TrimSpace("HTTP " + strconv.Itoa(code) + " " + http.StatusText(code))
}

// readImage is the picture the message sends, attached from the data
// file, checked against the sum sealed at validation: what was validated
// is what is sent. A message whose picture the data file does not hold
// (its image was never taken in, or could not be) is refused.
func readImage(msg message.Message, picture []byte) ([]byte, error) {
	if picture == nil || msg.ImageSum == "" || msg.ImageSum == message.NoPicture {
		return nil, fmt.Errorf("%w: %s; open the post and save it to take it in", ErrPictureMissing, msg.Image)
	}
	sum := sha256.Sum256(picture)
	if hex.EncodeToString(sum[:]) != msg.ImageSum {
		return nil, fmt.Errorf("%w: %s", ErrPictureChanged, msg.Image)
	}
	return picture, nil
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
