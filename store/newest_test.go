package store

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// Newest reads the n newest summaries and their keys as Backlog lists
// them, whatever the number of posts.
func TestNewestIsTheBacklogsFirstRows(t *testing.T) {
	st, c := openTemp(t)
	for i := range 12 {
		mustSave(t, st, Post{Title: fmt.Sprintf("Avis %d", i), Body: fmt.Sprintf("Texte numéro %d", i), Category: "practical"})
		c.advance(time.Minute)
	}
	all, err := st.Backlog()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 5, 12, 40} {
		got, err := st.Newest(n)
		if err != nil {
			t.Fatal(err)
		}
		want := min(n, len(all.Posts))
		if !slices.Equal(got.Posts, all.Posts[:want]) {
			t.Errorf("Newest(%d): %d posts, not the backlog's first %d", n, len(got.Posts), want)
		}
		for i := range got.Posts {
			if got.Key(i) != all.Key(i) {
				t.Errorf("Newest(%d): key %d is %q, want %q", n, i, got.Key(i), all.Key(i))
			}
		}
		if len(got.Starts) != want+1 {
			t.Errorf("Newest(%d): %d starts, want %d", n, len(got.Starts), want+1)
		}
	}
	if all.Posts[0].Title() != "Avis 11" {
		t.Errorf("the newest post is %q", all.Posts[0].Title())
	}
}
