package sender

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"crieur/message"
)

// Headers of a webhook delivery. The receiver checks the signature with
// the shared secret over the exact bytes of the body, and drops a second
// delivery with an idempotency key it has already seen.
const (
	HeaderSignature   = "X-Crieur-Signature" // "sha256=" + hex HMAC-SHA256 of the body
	HeaderIdempotency = "Idempotency-Key"    // Delivery.Key: the same for every delivery of one validated text to one destination
)

// Webhook posts the outgoing message as signed JSON, for automation
// platforms and messaging gateways.
//
// Because the receiver deduplicates by key, the webhook retries by itself
// what other back-ends may not: a 5xx, a timeout, a dropped connection. It
// makes a bounded number of attempts with the same body and key, then
// gives up. The key is derived from the post, the destination and the
// validated text (IdempotencyKey), not from the send: a post sent again
// after its outcome was unknown carries the key of its first delivery.
type Webhook struct {
	url    string
	secret []byte
	client *http.Client
	cfg    config
}

// NewWebhook makes the back-end that posts to url, signing with secret.
// A nil client means a default one; the webhook never follows redirects.
func NewWebhook(url string, secret []byte, client *http.Client, opts ...Option) *Webhook {
	return &Webhook{
		url:    url,
		secret: bytes.Clone(secret),
		client: noRedirects(client),
		cfg:    newConfig(opts),
	}
}

func (w *Webhook) Name() string { return "webhook" }

// Limit is 0: a webhook takes any length; the receiver's own channel may
// not, and is its business.
func (w *Webhook) Limit() int { return 0 }

// String names the destination by its host only: the address of an
// automation platform's hook is often a secret of its own.
func (w Webhook) String() string   { return "webhook " + hostOf(w.url) }
func (w Webhook) GoString() string { return "sender.Webhook{" + hostOf(w.url) + "}" }

// WebhookPayload is the JSON body of a delivery.
type WebhookPayload struct {
	Text   string        `json:"text"`
	Link   string        `json:"link"`
	Card   *WebhookCard  `json:"card,omitempty"`
	Image  *WebhookImage `json:"image,omitempty"`
	Alt    string        `json:"alt,omitempty"`
	PostID string        `json:"post_id"`
	SendID string        `json:"send_id"`
}

// WebhookCard is the link card, as the desk previews it.
type WebhookCard struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Domain      string `json:"domain"`
	Image       string `json:"image"`
}

// WebhookImage carries the picture itself: the desk's path to it means
// nothing to the receiver.
type WebhookImage struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	SHA256      string `json:"sha256"`
	Data        string `json:"data"` // standard base64
}

// Sign is the value of the signature header for body.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Send posts the message, retrying with the same key as set by the
// options. The error after the last attempt is the most cautious of what
// the attempts showed: if any request went unanswered, or was answered
// with a 5xx (the receiver may have acted before it failed), the outcome
// is Unknown; if any got a refusal (a 4xx other than 408 and 429) it is
// Failed; and it is NotSent, and retryable, only when none of them can
// have had an effect.
func (w *Webhook) Send(ctx context.Context, d Delivery) (Receipt, error) {
	dest := "webhook " + hostOf(w.url)
	refuse := func(code Code, err error) error {
		if code == "" {
			code, _ = CodeOf(err)
		}
		return &SendError{Outcome: NotSent, Code: code, Err: fmt.Errorf("%s: %w", dest, err)}
	}
	if len(w.secret) == 0 {
		return Receipt{}, refuse(CodeNoSecret, errors.New("no secret to sign with (set CRIEUR_WEBHOOK_SECRET)"))
	}
	if strings.TrimSpace(d.Key) == "" {
		return Receipt{}, refuse(CodeOther, errors.New("no idempotency key"))
	}
	if u, err := url.Parse(w.url); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Receipt{}, refuse(CodeBadAddress, errors.New("the address is not an http(s) URL"))
	}
	body, err := webhookBody(d)
	if err != nil {
		return Receipt{}, refuse("", err)
	}
	signature := Sign(w.secret, body)

	var (
		last    *SendError
		worst   = NotSent // what giving up now would report
		attempt int
	)
	for attempt = 1; ; attempt++ {
		req, err := http.NewRequest(http.MethodPost, w.url, bytes.NewReader(body))
		if err != nil {
			return Receipt{}, refuse(CodeBadAddress, transportError(err))
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "crieur")
		req.Header.Set(HeaderSignature, signature)
		req.Header.Set(HeaderIdempotency, d.Key)

		a := roundTrip(ctx, w.client, req, w.cfg.timeout)
		receipt, se, giveUp := w.classify(a)
		if se == nil {
			return receipt, nil
		}
		last, worst = se, moreCautious(worst, giveUp)
		if !se.Retryable || attempt >= w.cfg.attempts || se.RetryAfter > w.cfg.maxWait {
			break
		}
		wait := min(w.cfg.backoff<<min(attempt-1, 20), max(w.cfg.maxWait, w.cfg.backoff))
		wait = max(wait, se.RetryAfter)
		if err := sleep(ctx, wait); err != nil {
			break
		}
	}
	final := &SendError{
		Outcome: worst, Code: last.Code, HTTP: last.HTTP,
		Err: fmt.Errorf("%s, attempt %d of %d: %w", dest, attempt, w.cfg.attempts, last.Err),
	}
	if worst == NotSent && last.Retryable {
		final.Retryable, final.RetryAfter = true, last.RetryAfter
	}
	return Receipt{}, final
}

// classify reads one attempt: the receipt when it was taken, or the error
// of this attempt and the outcome it stands for once the webhook gives up.
func (w *Webhook) classify(a answer) (Receipt, *SendError, Outcome) {
	now := w.cfg.now()
	switch {
	case a.status == 0 && a.refused:
		// Nothing left, and nothing will until someone fixes it.
		return Receipt{}, &SendError{Outcome: NotSent, Code: a.failureCode(), Err: a.err}, NotSent
	case a.status == 0 && a.written:
		// The receiver may have it; it drops a repeat with the same key.
		return Receipt{}, &SendError{Outcome: Unknown, Retryable: true, Code: a.failureCode(), Err: a.failure("no answer")}, Unknown
	case a.status == 0:
		return Receipt{}, &SendError{Outcome: NotSent, Retryable: true, Code: a.failureCode(), Err: a.failure("not delivered")}, NotSent
	case a.status >= 200 && a.status < 300:
		return Receipt{RemoteID: remoteID(a.body), At: now}, nil, Sent
	}
	se := &SendError{Code: codeOfStatus(a.status), HTTP: a.status, Err: errors.New(statusText(a.status) + answerDetail(a.body))}
	switch {
	case a.status == http.StatusRequestTimeout || a.status == http.StatusTooManyRequests:
		se.Outcome, se.Retryable, se.RetryAfter = NotSent, true, retryAfter(a.header, now)
	case a.status >= 500:
		// The effect is not known, but the key makes another try safe;
		// after the last one it is still not known.
		se.Outcome, se.Retryable, se.RetryAfter = Unknown, true, retryAfter(a.header, now)
	case a.status >= 300 && a.status < 400:
		se.Outcome = Failed
		se.Err = fmt.Errorf("%s to %s: set the final address", statusText(a.status), hostOf(a.header.Get("Location")))
	default: // 4xx: the receiver refused this request, and would again
		se.Outcome = Failed
	}
	return Receipt{}, se, se.Outcome
}

// moreCautious orders outcomes by how much they may have published.
func moreCautious(a, b Outcome) Outcome {
	rank := func(o Outcome) int {
		switch o {
		case NotSent:
			return 0
		case Failed:
			return 1
		case Sent:
			return -1
		}
		return 2
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

func webhookBody(d Delivery) ([]byte, error) {
	m := d.Message
	p := WebhookPayload{Text: m.Text, Link: m.Link, PostID: d.PostID, SendID: d.SendID}
	if m.Link != "" || m.Card != (message.Card{}) {
		p.Card = &WebhookCard{Title: m.Card.Title, Description: m.Card.Description, Domain: m.Card.Domain, Image: m.Card.Image}
	}
	if m.Image != "" {
		b, err := readImage(m, d.Picture)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		p.Image = &WebhookImage{
			Name:        filepath.Base(m.Image),
			ContentType: http.DetectContentType(b),
			SHA256:      hex.EncodeToString(sum[:]),
			Data:        base64.StdEncoding.EncodeToString(b),
		}
		p.Alt = m.Alt
	}
	return json.Marshal(p)
}

// remoteID takes the receiver's id of the message from a JSON answer
// {"id": "..."} or {"id": 123}, if there is one.
func remoteID(body []byte) string {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &v) != nil || len(v.ID) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(v.ID, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(v.ID, &n) == nil {
		return n.String()
	}
	return ""
}

// answerDetail is the start of an error answer, on one line, for the
// person reading the send log.
func answerDetail(body []byte) string {
	s := strings.Join(strings.FieldsFunc(string(body), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if s == "" {
		return ""
	}
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return ": " + s
}

// hostOf is the host of an address, or "(address)" when it has none.
func hostOf(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.Host != "" {
		return u.Host
	}
	return "(address)"
}
