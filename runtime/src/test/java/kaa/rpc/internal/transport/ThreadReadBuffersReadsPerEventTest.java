package kaa.rpc.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;

/**
 * ThreadReadBuffers, installed through ChannelOption.RECVBUF_ALLOCATOR, keeps the channel's
 * default of reads a read event (ChannelMetadata.defaultMaxMessagesPerRead, 16), where a freshly
 * made AdaptiveRecvByteBufAllocator would say 1.
 */
class ThreadReadBuffersReadsPerEventTest {
  private static int perRead(io.netty.channel.Channel ch) {
    return ((io.netty.channel.MaxMessagesRecvByteBufAllocator) ch.config().getRecvByteBufAllocator())
        .maxMessagesPerRead();
  }

  @Test
  void keepsTheChannelsReadsPerEvent() {
    for (io.netty.channel.Channel ch :
        new io.netty.channel.Channel[] {new NioSocketChannel(), new NioDomainSocketChannel()}) {
      int before = perRead(ch);
      ch.config().setOption(ChannelOption.RECVBUF_ALLOCATOR, new ThreadReadBuffers());
      try {
        assertEquals(before, perRead(ch), ch.getClass().getSimpleName());
      } finally {
        ch.unsafe().closeForcibly();
      }
    }
  }
}
