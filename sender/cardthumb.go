package sender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"crieur/store"
)

// Limits of a card image's fetch: the picture behind og:image is often a
// full-size photo, read only to make a thumbnail.
const (
	cardImageTimeout  = 8 * time.Second
	cardImageMaxBytes = 5 << 20
)

// FetchThumbnail reads the image of a fetched card (card.Image) and makes
// the thumbnail WhatsApp's link card shows, carried in card.Thumb for
// store.SetCard to keep: it is fetched with the card so that what is
// validated is what is sent, not the page's image on the day of sending.
// A card without an image, or whose image cannot be read, is returned as
// it is, with the reason.
func FetchThumbnail(ctx context.Context, client *http.Client, card store.Card) (store.Card, error) {
	card.Thumb = nil
	if card.Image == "" || card.Status >= 400 {
		return card, nil
	}
	if client == nil {
		client = http.DefaultClient
	}
	ctx, cancel := context.WithTimeout(ctx, cardImageTimeout)
	defer cancel()
	resp, err := getPage(ctx, client, card.Image, "image/jpeg,image/png")
	if err != nil {
		return card, fmt.Errorf("card image: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return card, fmt.Errorf("card image: %s", statusText(resp.StatusCode))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, cardImageMaxBytes+1))
	if err != nil {
		return card, fmt.Errorf("card image: %w", err)
	}
	if len(body) > cardImageMaxBytes {
		return card, errors.New("card image: larger than 5 MB")
	}
	thumb, err := thumbnail(body, cardThumbBound)
	if err != nil {
		return card, fmt.Errorf("card image: %w", err)
	}
	card.Thumb = thumb
	return card, nil
}
