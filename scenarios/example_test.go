package scenarios_test

import (
	"fmt"

	"parksim/scenarios"
)

// Running a day from Go: load a scenario, build it on a seed, run it.
func ExampleScenario_Build() {
	s, err := scenarios.LoadEmbedded("small")
	if err != nil {
		panic(err)
	}
	day, err := s.Build(7)
	if err != nil {
		panic(err)
	}
	sum := day.Run()
	fmt.Println(sum.Scenario, sum.Seed, sum.Guests, "guests")

	again, _ := s.Build(7) // each Day owns a fresh engine
	fmt.Println("same seed, same day:", again.Run().RidesPerGuest == sum.RidesPerGuest)
	// Output:
	// small 7 3002 guests
	// same seed, same day: true
}

// A scenario with mistakes is rejected with every problem and its position.
func ExampleParse() {
	_, err := scenarios.Parse("park.toml", []byte(`
open = "09:00"
close = "18:00"
[[zone]]
id = "gate"
at = [0, 0]
[entry]
zone = "gate"
turnstiles = 2
[[attraction]]
id = "coaster"
zone = "west"
vehicle_capacity = 8
capacity = "720/h"
ride_time = "2 minutes"
[arrivals]
guests = 100
from = "09:00"
hourly = [1]
`))
	fmt.Println(err)
	// Output:
	// park.toml:12:1: attraction[0].zone: unknown zone "west"; the zones are gate
	// park.toml:15:1: attraction[0].ride_time: "2 minutes" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"
}
