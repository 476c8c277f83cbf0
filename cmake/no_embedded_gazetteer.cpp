// incidentmap-noindex carries no gazetteer: an empty embedded index (size 0).
extern "C" {
alignas(64) extern const unsigned char incidentmap_gazetteer_data[1] = {0};
extern const unsigned long long incidentmap_gazetteer_size = 0;
}
