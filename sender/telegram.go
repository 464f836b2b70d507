package sender

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"crieur/message"
	"crieur/message/markup"
	"crieur/settings"
)

// Telegram's limits, in characters of the text once the HTML is parsed.
const (
	TelegramTextLimit    = 4096
	TelegramCaptionLimit = 1024
	telegramPhotoBytes   = 10 << 20 // largest photo the Bot API takes by upload
	telegramBaseURL      = "https://api.telegram.org"
)

// Telegram posts to a channel through the Bot API, the bot being an admin
// of the channel allowed to post.
//
// Telegram does not deduplicate: once a request may have reached it (a 5xx,
// a timeout after the request was written, a dropped connection) the
// outcome is Unknown and nothing is retried by itself.
type Telegram struct {
	token  string
	chatID string
	base   string
	client *http.Client
	cfg    config
}

// NewTelegram makes the back-end that posts to chatID ("@channel" or its
// numeric id) with the bot's token. baseURL is the Bot API server ("" for
// Telegram's own); a nil client means a default one. Redirects are not
// followed.
func NewTelegram(token, chatID, baseURL string, client *http.Client, opts ...Option) *Telegram {
	if baseURL == "" {
		baseURL = telegramBaseURL
	}
	return &Telegram{
		token:  token,
		chatID: chatID,
		base:   strings.TrimRight(baseURL, "/"),
		client: noRedirects(client),
		cfg:    newConfig(opts),
	}
}

func (t *Telegram) Name() string { return "telegram" }

// Limit is the limit of a text message. A message with an image is sent as
// a photo whose caption allows less: LimitFor gives the limit that applies
// to a given message, and LimitsFor uses it.
func (t *Telegram) Limit() int { return TelegramTextLimit }

// LimitFor is the caption's limit when msg has an image, the text's
// otherwise.
func (t *Telegram) LimitFor(msg message.Message) int {
	if msg.Image != "" {
		return TelegramCaptionLimit
	}
	return TelegramTextLimit
}

// String and GoString leave the token out, of a Telegram printed by
// value too.
func (t Telegram) String() string   { return "telegram " + t.chatID }
func (t Telegram) GoString() string { return "sender.Telegram{chat: " + strconv.Quote(t.chatID) + "}" }

var telegramToken = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// Send posts the message: sendMessage with its link card, or sendPhoto
// with the text as caption when the message has an image.
func (t *Telegram) Send(ctx context.Context, d Delivery) (Receipt, error) {
	method := "sendMessage"
	if d.Message.Image != "" {
		method = "sendPhoto"
	}
	refuse := func(code Code, err error) error {
		if code == "" {
			code, _ = CodeOf(err)
		}
		return &SendError{Outcome: NotSent, Code: code, Err: t.scrub(fmt.Errorf("telegram %s: %w", method, err))}
	}
	if !telegramToken.MatchString(t.token) {
		return Receipt{}, refuse(CodeBadToken, errors.New("the bot token is missing or malformed (set CRIEUR_TELEGRAM_TOKEN)"))
	}
	if strings.TrimSpace(t.chatID) == "" {
		return Receipt{}, refuse(CodeNoChannel, errors.New("no channel to post to"))
	}
	if !settings.SecretSafe(t.base) {
		return Receipt{}, refuse(CodeBadAddress, errors.New("the API address is not https: the bot's token would travel in clear"))
	}
	endpoint := t.base + "/bot" + t.token + "/" + method

	var (
		req     *http.Request
		err     error
		timeout = t.cfg.timeout
	)
	if method == "sendPhoto" {
		var body []byte
		var contentType string
		body, contentType, err = t.photoBody(d.Message, d.Picture)
		if err != nil {
			return Receipt{}, refuse("", err)
		}
		req, err = http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", contentType)
		}
		if !t.cfg.timeoutSet {
			timeout *= photoTimeoutMult
		}
	} else {
		var body []byte
		body, err = json.Marshal(t.messageBody(d.Message))
		if err != nil {
			return Receipt{}, refuse(CodeOther, err)
		}
		req, err = http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	if err != nil {
		return Receipt{}, refuse(CodeBadAddress, transportError(err))
	}
	req.Header.Set("User-Agent", "crieur")

	a := roundTrip(ctx, t.client, req, timeout)
	receipt, se := t.classify(a)
	if se != nil {
		se.Err = t.scrub(fmt.Errorf("telegram %s: %w", method, se.Err))
		return Receipt{}, se
	}
	return receipt, nil
}

type telegramMessage struct {
	ChatID      string               `json:"chat_id"`
	Text        string               `json:"text"`
	ParseMode   string               `json:"parse_mode"`
	LinkPreview *telegramLinkPreview `json:"link_preview_options,omitempty"`
}

type telegramLinkPreview struct {
	URL              string `json:"url"`
	PreferLargeMedia bool   `json:"prefer_large_media"`
}

func (t *Telegram) messageBody(msg message.Message) telegramMessage {
	m := telegramMessage{ChatID: t.chatID, Text: TelegramHTML(msg.Text), ParseMode: "HTML"}
	if msg.Link != "" {
		m.LinkPreview = &telegramLinkPreview{URL: msg.Link}
	}
	return m
}

// photoBody is the multipart form of sendPhoto, with the file itself.
func (t *Telegram) photoBody(msg message.Message, picture []byte) ([]byte, string, error) {
	img, err := readImage(msg, picture)
	if err != nil {
		return nil, "", err
	}
	if len(img) > telegramPhotoBytes {
		return nil, "", fmt.Errorf("%w: the image is %d MB, more than the 10 MB Telegram takes for a photo", ErrPictureSize, len(img)>>20)
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, f := range [][2]string{{"chat_id", t.chatID}, {"caption", TelegramHTML(msg.Text)}, {"parse_mode", "HTML"}} {
		if err := w.WriteField(f[0], f[1]); err != nil {
			return nil, "", err
		}
	}
	part, err := w.CreateFormFile("photo", filepath.Base(msg.Image))
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(img); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), w.FormDataContentType(), nil
}

// telegramAnswer is the Bot API's envelope.
type telegramAnswer struct {
	OK     bool `json:"ok"`
	Result struct {
		MessageID int64 `json:"message_id"`
	} `json:"result"`
	ErrorCode   int    `json:"error_code"`
	Description string `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// classify reads the answer of the one attempt.
func (t *Telegram) classify(a answer) (Receipt, *SendError) {
	now := t.cfg.now()
	if a.status == 0 {
		if a.refused {
			return Receipt{}, &SendError{Outcome: NotSent, Code: a.failureCode(), Err: a.err}
		}
		if a.written {
			return Receipt{}, &SendError{Outcome: Unknown, Code: a.failureCode(), Err: a.failure("no answer")}
		}
		return Receipt{}, &SendError{Outcome: NotSent, Retryable: true, Code: a.failureCode(), Err: a.failure("not delivered")}
	}
	var ans telegramAnswer
	parsed := a.err == nil && json.Unmarshal(a.body, &ans) == nil
	detail := func() error {
		msg := statusText(a.status)
		if parsed && ans.Description != "" {
			msg += ": " + ans.Description
		}
		return errors.New(msg)
	}
	switch {
	case a.status >= 200 && a.status < 300:
		if parsed && ans.OK && ans.Result.MessageID != 0 {
			return Receipt{RemoteID: strconv.FormatInt(ans.Result.MessageID, 10), At: now}, nil
		}
		// A success that does not read as one: look at the channel.
		return Receipt{}, &SendError{Outcome: Unknown, Code: CodeNoMessageID, HTTP: a.status, Err: errors.New(statusText(a.status) + " without a message id")}
	case a.status == http.StatusTooManyRequests:
		wait := retryAfter(a.header, now)
		if parsed && ans.Parameters.RetryAfter > 0 {
			wait = time.Duration(ans.Parameters.RetryAfter) * time.Second
		}
		return Receipt{}, &SendError{Outcome: NotSent, Retryable: true, RetryAfter: wait, Code: CodeRateLimited, HTTP: a.status, Err: detail()}
	case a.status == http.StatusUnauthorized || a.status == http.StatusNotFound:
		// The token (which is in the path) was refused: no bot posted.
		return Receipt{}, &SendError{Outcome: NotSent, Code: CodeBadToken, HTTP: a.status, Err: fmt.Errorf("%w: check the bot token", detail())}
	case a.status >= 500:
		return Receipt{}, &SendError{Outcome: Unknown, Code: CodeServerError, HTTP: a.status, Err: detail()}
	default: // 400 (chat not found, text too long...), 403 (not an admin), 3xx
		return Receipt{}, &SendError{Outcome: Failed, Code: telegramCode(a.status, ans.Description), HTTP: a.status, Err: detail()}
	}
}

// telegramCode is the code of a refusal from the Bot API, whose
// description is in English: the channel not found, the bot not allowed
// to post there, or a refusal of this message.
func telegramCode(status int, description string) Code {
	d := strings.ToLower(description)
	switch {
	case strings.Contains(d, "chat not found"):
		return CodeNoChannel
	case status == http.StatusForbidden, strings.Contains(d, "not enough rights"), strings.Contains(d, "not a member"):
		return CodeForbidden
	}
	return codeOfStatus(status)
}

// scrub makes sure the token appears in no error, as typed or as escaped
// in a URL. An error whose text held it is replaced by its cleaned text,
// so that unwrapping cannot reach the original either.
func (t *Telegram) scrub(err error) error {
	if err == nil || t.token == "" {
		return err
	}
	msg := err.Error()
	clean := msg
	for _, s := range []string{t.token, url.PathEscape(t.token), url.QueryEscape(t.token)} {
		clean = strings.ReplaceAll(clean, s, "<token>")
	}
	if clean == msg && !chainHolds(err, t.token) {
		return err
	}
	return errors.New(clean)
}

// chainHolds says whether any error in err's chain has s in its text.
func chainHolds(err error, s string) bool {
	for err != nil {
		if strings.Contains(err.Error(), s) {
			return true
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				if chainHolds(e, s) {
					return true
				}
			}
			return false
		}
		err = errors.Unwrap(err)
	}
	return false
}

// TelegramHTML converts WhatsApp markup to the HTML of Telegram's
// parse_mode "HTML".
//
// Styles become <b>, <i>, <s>; a ``` block that spans lines becomes <pre>
// and one within a line <code>, like `inline code`; consecutive "> " lines
// become one <blockquote>; bullets are drawn "• " and numbered lines keep
// their number as typed. Text is escaped (<, >, &). Web addresses stay
// text: Telegram links them itself.
//
// Telegram's rules on nesting decide the rest: nothing is styled inside
// code (so bold around `code` stops at the code), and a quote holds no
// code (its code shows as plain quoted text). The output is always
// balanced: tags open and close like a stack.
func TelegramHTML(text string) string {
	lines := markup.Parse(text)
	raw := strings.Split(text, "\n")
	mono := monoNewlines(text)
	var r tagWriter
	for k, ln := range lines {
		quote := ln.Kind == markup.LineQuote
		switch ln.Kind {
		case markup.LineBullet:
			r.write(tgStyle{}, "• ")
		case markup.LineNumbered:
			prefix := strconv.Itoa(ln.Number) + ". "
			if k < len(raw) {
				if i := strings.Index(raw[k], ". "); i > 0 {
					prefix = raw[k][:i+2]
				}
			}
			r.write(tgStyle{}, prefix)
		}
		for i, sp := range ln.Spans {
			st := tgStyle{quote: quote, b: sp.Bold, i: sp.Italic, s: sp.Strike, code: sp.Code}
			if sp.Mono {
				// A ``` block that runs over a line break is a block.
				block := (i == 0 && k > 0 && mono[k-1]) || (i == len(ln.Spans)-1 && k < len(mono) && mono[k])
				st.pre, st.code = block, !block
			}
			r.write(st, sp.Text)
		}
		if k < len(mono) {
			next := lines[k+1].Kind == markup.LineQuote
			r.write(tgStyle{quote: quote && next, pre: mono[k]}, "\n")
		}
	}
	r.write(tgStyle{}, "")
	return r.b.String()
}

// monoNewlines says, for each line break of text, whether it lies inside
// a ``` block. The blocks are paired as markup.Parse pairs them: left to
// right, an empty pair staying text.
func monoNewlines(text string) []bool {
	in := make([]bool, strings.Count(text, "\n"))
	k, pos := 0, 0 // line breaks before pos
	for _, b := range markup.MonoBlocks(text) {
		k += strings.Count(text[pos:b.Open+3], "\n")
		for _, ch := range []byte(text[b.Open+3 : b.Close]) {
			if ch == '\n' {
				in[k] = true
				k++
			}
		}
		pos = b.Close
	}
	return in
}

// tgStyle is the style of a run of output text.
type tgStyle struct {
	quote, pre, code, b, i, s bool
}

// tags lists the tags of a style from the outside in, as Telegram allows
// them: a quote outermost and not around code; code alone.
func (st tgStyle) tags() []string {
	var t []string
	if st.quote {
		t = append(t, "blockquote")
	} else if st.pre {
		return append(t, "pre")
	} else if st.code {
		return append(t, "code")
	}
	if st.b {
		t = append(t, "b")
	}
	if st.i {
		t = append(t, "i")
	}
	if st.s {
		t = append(t, "s")
	}
	return t
}

// tagWriter writes runs of styled text, closing and opening only the tags
// that change between two runs.
type tagWriter struct {
	b    strings.Builder
	open []string
}

func (w *tagWriter) write(st tgStyle, text string) {
	if text == "" && st != (tgStyle{}) {
		return
	}
	want := st.tags()
	same := 0
	for same < len(want) && same < len(w.open) && want[same] == w.open[same] {
		same++
	}
	for j := len(w.open) - 1; j >= same; j-- {
		w.b.WriteString("</" + w.open[j] + ">")
	}
	w.open = w.open[:same]
	for _, tag := range want[same:] {
		w.b.WriteString("<" + tag + ">")
		w.open = append(w.open, tag)
	}
	escapeHTML(&w.b, text)
}

func escapeHTML(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "<>&")
		if j < 0 {
			b.WriteString(s[i:])
			return
		}
		b.WriteString(s[i : i+j])
		switch s[i+j] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		}
		i += j + 1
	}
}
