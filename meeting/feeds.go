package meeting

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"crieur/feeds"
	"crieur/ui/i18n"
)

// FeedError says why a feed could not be read, in the desk's language,
// on one line safe for a terminal: the command line and the desk say it
// the same way.
func FeedError(w *i18n.FeedsText, err error) string {
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.Is(err, feeds.ErrStatus):
		_, status, _ := strings.Cut(err.Error(), ": ")
		return fmt.Sprintf(w.Status, oneLine(status))
	case errors.Is(err, feeds.ErrHTML):
		return w.HTML
	case errors.Is(err, feeds.ErrNotFeed):
		return w.NotFeed
	case errors.Is(err, feeds.ErrNotXML):
		return w.NotXML
	case errors.Is(err, feeds.ErrTooLarge):
		return w.TooLarge
	case errors.Is(err, context.DeadlineExceeded):
		return w.Timeout
	case errors.Is(err, feeds.ErrRedirects):
		return w.Redirects
	case errors.Is(err, feeds.ErrAddress):
		return w.Address
	case errors.As(err, &dns):
		return fmt.Sprintf(w.Unreachable, oneLine(dns.Name))
	case errors.As(err, &op):
		return fmt.Sprintf(w.Unreachable, oneLine(op.Err.Error()))
	}
	return fmt.Sprintf(w.Unreachable, oneLine(err.Error()))
}
