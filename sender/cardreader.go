package sender

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"crieur/store"
)

// A link card is read from a page the post links to: an address a writer
// types. The CardReader reads only https pages within the allowed domains,
// follows redirects only within them, and checks the address it dials at
// the moment it connects, so that neither a redirect nor a DNS answer can
// lead it to the machine itself or its network (an internal page's title
// would end up in the card). It reads one card per post at a time, and
// decodes one thumbnail at a time, within a pixel and memory bound.

// Errors of a card the reader will not read; the desk words each.
var (
	// ErrCardRefused: the link is not https, or not within the allowed
	// domains, or redirects outside them.
	ErrCardRefused = errors.New("link cards are read only from https pages within the allowed domains")
	// ErrCardAddress: the address dialled is inside the machine or its
	// network (loopback, private, link-local, unspecified and the like).
	ErrCardAddress = errors.New("the link leads to an address inside the machine or its network")
	// ErrCardBusy: the card of this post is being read already.
	ErrCardBusy = errors.New("the card of this post is being read already")
)

// Limits of a card reader.
const (
	cardMaxRedirects  = 5
	cardDialTimeout   = 5 * time.Second
	cardHeaderTimeout = 8 * time.Second
	cardHeaderBytes   = 64 << 10
)

// CardOptions tune NewCardReader. The zero value is the desk's.
type CardOptions struct {
	// AllowLoopback lets the reader dial 127.0.0.1 and ::1, for tests
	// whose pages come from servers on the test's own machine. Nothing a
	// writer types, and no setting, reaches it.
	AllowLoopback bool
	// RootCAs are the certificates the reader trusts instead of the
	// system's, for tests whose servers have certificates of their own.
	RootCAs *x509.CertPool
}

// CardReader reads link cards for the desk. It is safe for concurrent use.
type CardReader struct {
	transport *http.Transport

	mu      sync.Mutex
	reading map[string]bool // the posts whose card is being read
	// images lets one page's image at a time be read and decoded into a
	// thumbnail, whatever the number of posts read at once.
	images chan struct{}
}

// NewCardReader makes the desk's card reader.
func NewCardReader(o CardOptions) *CardReader {
	dialer := &net.Dialer{
		Timeout:   cardDialTimeout,
		KeepAlive: 30 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			return dialable(address, o.AllowLoopback)
		},
	}
	return &CardReader{
		transport: &http.Transport{
			// Never through a proxy: the address dialled would be the
			// proxy's, and the page's could not be checked.
			Proxy:                  nil,
			DialContext:            dialer.DialContext,
			TLSClientConfig:        &tls.Config{RootCAs: o.RootCAs, MinVersion: tls.VersionTLS12},
			TLSHandshakeTimeout:    cardDialTimeout,
			ResponseHeaderTimeout:  cardHeaderTimeout,
			MaxResponseHeaderBytes: cardHeaderBytes,
			MaxIdleConns:           4,
			IdleConnTimeout:        30 * time.Second,
			ForceAttemptHTTP2:      true,
		},
		reading: map[string]bool{},
		images:  make(chan struct{}, 1),
	}
}

// Read reads the card of a post's link: the page's OpenGraph title,
// description and image, and, with thumb, the thumbnail made from that
// image (see FetchThumbnail). A link that is not https within allowed is
// refused before anything is sent; so is a second read of the same post's
// card while one is under way.
func (r *CardReader) Read(ctx context.Context, postID, link string, allowed []string, thumb bool, now time.Time) (store.Card, error) {
	card := store.Card{URL: link, Fetched: now}
	if !within(link, allowed) {
		return card, fmt.Errorf("fetch card: %w", ErrCardRefused)
	}
	r.mu.Lock()
	if r.reading[postID] {
		r.mu.Unlock()
		return card, ErrCardBusy
	}
	r.reading[postID] = true
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.reading, postID)
		r.mu.Unlock()
	}()

	page := &http.Client{Transport: r.transport, CheckRedirect: redirectWithin(allowed)}
	card, err := FetchCard(ctx, page, link, now)
	if err != nil || !thumb || !strings.HasPrefix(card.Image, "https://") {
		return card, err
	}
	// The page's image may come from another host (a picture server):
	// https still, and never inside the machine or its network.
	images := &http.Client{Transport: r.transport, CheckRedirect: redirectWithin(nil)}
	select {
	case r.images <- struct{}{}:
	case <-ctx.Done():
		return card, nil
	}
	defer func() { <-r.images }()
	// A page without a usable image keeps a card without one.
	card, _ = FetchThumbnail(ctx, images, card)
	return card, nil
}

// CardAllowed reports whether the card of link may be read: an https
// address on one of the allowed domains or their subdomains. With none
// allowed, none may.
func CardAllowed(link string, allowed []string) bool { return within(link, allowed) }

func within(link string, allowed []string) bool {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return false
	}
	return hostAllowed(u.Hostname(), allowed)
}

func hostAllowed(host string, allowed []string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range allowed {
		d = strings.ToLower(strings.TrimSpace(d))
		if d != "" && (host == d || strings.HasSuffix(host, "."+d)) {
			return true
		}
	}
	return false
}

// redirectWithin follows a few redirects, https only, and within the
// allowed domains unless allowed is nil.
func redirectWithin(allowed []string) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		switch {
		case len(via) >= cardMaxRedirects:
			return fmt.Errorf("more than %d redirects", cardMaxRedirects)
		case req.URL.Scheme != "https":
			return fmt.Errorf("a redirect to %s: %w", req.URL.Scheme, ErrCardRefused)
		case allowed != nil && !hostAllowed(req.URL.Hostname(), allowed):
			return fmt.Errorf("a redirect to %s: %w", req.URL.Hostname(), ErrCardRefused)
		}
		return nil
	}
}

// Ranges no card is read from, besides those netip names (loopback,
// private, link-local, multicast, unspecified): addresses shared by a
// carrier's customers, "this network", reserved and broadcast addresses,
// and the IPv6 prefixes that carry an IPv4 address inside them.
var internalRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2002::/16"),
}

// dialable says whether the address about to be dialled may be: never
// one inside the machine or its network, loopback aside for tests.
func dialable(address string, allowLoopback bool) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w (%s)", ErrCardAddress, host)
	}
	ip = ip.Unmap().WithZone("")
	if ip.IsLoopback() && allowLoopback {
		return nil
	}
	internal := ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified()
	for _, r := range internalRanges {
		internal = internal || r.Contains(ip)
	}
	if internal {
		return fmt.Errorf("%w (%s)", ErrCardAddress, ip)
	}
	return nil
}
