package io.loyaltybatch.engines;

/** Requests from the public batch API documentation, verbatim, for tests that must pass them unchanged. */
public final class SeedRequests {

    /** The customers request of the public documentation, unchanged. */
    public static final String CUSTOMERS = """
            {
                "body": [
                    {
                        "customerId": "12345",
                        "email": "john.doe@example.com",
                        "name": "John Doe",
                        "gender": "M",
                        "dateOfBirth": "1990-01-01",
                        "joinDate": "2022-01-01",
                        "tags": ["vip", "newsletter_subscriber"],
                        "custom": {
                            "favorite_color": "blue",
                            "loyalty_points": 1500
                        }
                    },
                    {
                        "customerId": "67890",
                        "email": "jane.smith@example.com",
                        "name": "Jane Smith",
                        "gender": "F",
                        "dateOfBirth": "1985-05-15",
                        "joinDate": "2023-03-10",
                        "tags": ["premium_member"],
                        "custom": {
                            "favorite_color": "green",
                            "loyalty_points": 2000
                        }
                    }
                ]
            }""";

    private SeedRequests() {}
}
