package scenarios

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeExampleIsValid keeps the scenario shown in the README runnable.
func TestReadmeExampleIsValid(t *testing.T) {
	src, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllSubmatch(src, -1)
	require.NotEmpty(t, blocks, "README.md has no toml example")
	for _, b := range blocks {
		s, err := Parse("README.md example", b[1])
		require.NoError(t, err)
		day, err := s.Build(1)
		require.NoError(t, err)
		sum := day.Run()
		require.Greater(t, sum.RidesPerGuest, 0.0)
	}
}
