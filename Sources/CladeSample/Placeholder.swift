enum SampleGeneratorPlaceholder {}
