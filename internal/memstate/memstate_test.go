package memstate

import (
	"testing"

	"storyline/internal/news"
	"storyline/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.TestState(t, func(*testing.T) news.StateStore { return New() })
}
